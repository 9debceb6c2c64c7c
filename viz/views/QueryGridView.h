#pragma once

#include <QWidget>

#include <string>

namespace filterscope {

class Workbench;
struct QueryStageMaps;

// All M query maps of a cross-attention stage over the image (8 per row), near-duplicates outlined in a
// shared colour per group. Clicking a query shows it in the central view.
class QueryGridView : public QWidget {
    Q_OBJECT
public:
    explicit QueryGridView(Workbench* session, QWidget* parent = nullptr);

    // The cross-attention stage shown: the selected stage when it is one, else the plugin's last.
    std::string shownStage() const;
    const QueryStageMaps* shown() const;
    QRectF cellRect(int query, const QSize& size) const;
    int queryAt(const QPointF& pos) const;
    void paintFigure(QPainter& p, const QSize& size) const;
    QSize sizeHint() const override { return {460, 300}; }

    static QColor groupColour(int group);

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseReleaseEvent(QMouseEvent* e) override;

private:
    Workbench* session_;
};

// The M×M correlation of the query maps (querySimilarity), rows and columns ordered with each duplicate group
// together (then the other queries in index order), group blocks outlined in their colour; query ids on
// both axes, a colorbar from −1 to 1, and the pair and its r under the mouse.
class SimilarityMatrixView : public QWidget {
    Q_OBJECT
public:
    SimilarityMatrixView(Workbench* session, QueryGridView* grid, QWidget* parent = nullptr);
    std::vector<int> order() const;  // query at each row/column
    QRect titleRect() const;
    QRect matrixRect() const;  // where the M×M cells are drawn
    // "query 3 × query 5: r = 0.941" for the cell under a widget position, or "".
    QString describeCell(const QPoint& pos) const;
    QSize sizeHint() const override { return {240, 240}; }

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent* e) override;

private:
    Workbench* session_;
    QueryGridView* grid_;
};

}  // namespace filterscope
