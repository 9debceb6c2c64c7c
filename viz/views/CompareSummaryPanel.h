#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace filterscope {

class Workbench;

// Compare mode's fourth place: which stage B shows (A's by default, any of B's own to choose), whether A
// and B share a colour range (automatic: when B shows A's stage; joint; a range each), and how
// the two maps differ in numbers: cells compared, mean and max |A − B|, Pearson r (on the finer grid when
// the grids differ, as the A − B view draws them).
class CompareSummaryPanel : public QWidget {
    Q_OBJECT
public:
    explicit CompareSummaryPanel(Workbench* session, QWidget* parent = nullptr);
    QString summary() const;
    QComboBox* stageChoice() const { return stages_; }
    QComboBox* scaleChoice() const { return scale_; }

private:
    void refresh();

    Workbench* session_;
    QComboBox* stages_;
    QComboBox* scale_;
    QLabel* numbers_;
    bool filling_ = false;
};

}  // namespace filterscope
