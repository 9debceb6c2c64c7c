#pragma once

#include <QWidget>

class QLabel;

namespace filterscope {

class Workbench;
class QueryGridView;
class SimilarityMatrixView;

// The Queries dock: the Q-Former's numbers against the pooling baseline, every query's map, their
// similarity matrix and the coverage map. A plugin without xattn.* captures gets a note instead.
class QueryPanel : public QWidget {
    Q_OBJECT
public:
    explicit QueryPanel(Workbench* session, QWidget* parent = nullptr);
    QueryGridView* grid() const { return grid_; }
    SimilarityMatrixView* similarity() const { return similarity_; }
    QString summary() const;

private:
    void refresh();

    Workbench* session_;
    QLabel* header_;
    QueryGridView* grid_;
    SimilarityMatrixView* similarity_;
    QWidget* coverage_;
    QWidget* body_;
};

}  // namespace filterscope
