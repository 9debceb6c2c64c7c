#pragma once

#include <QWidget>

#include <string>
#include <vector>

class QComboBox;
class QLabel;

namespace filterscope {

class Workbench;

// Every head of every attention stage (rows: stages in model order; columns: the mean, then the heads,
// optionally sorted by a head statistic), each showing the selected token's attention (CLS when none).
// Shared or per-cell colour scale follows the session. Clicking a cell opens that head in the central
// view. Plugins without attn.* captures get a note instead.
class HeadGridView : public QWidget {
    Q_OBJECT
public:
    enum class SortKey { ModelOrder, Entropy, MeanDistance, SinkShare };

    explicit HeadGridView(Workbench* session, QWidget* parent = nullptr);

    void setSortKey(SortKey key);
    // Head shown in column `column` (0 = the mean, −1) of row `row`, after sorting.
    int headAt(int row, int column) const;
    QRectF cellRect(int row, int column, const QSize& size) const;
    std::vector<std::string> attentionStages() const;
    QString emptyReason() const;
    // "block2, head 3: entropy 0.912, mean distance 2.31 cells, sink share 0.120" (the cell's tooltip).
    QString describeCell(const QPointF& pos) const;
    void paintFigure(QPainter& p, const QSize& size) const;
    QSize sizeHint() const override { return {460, 520}; }
    // Decimals of the entropies in a stage's labels: two, or as many (up to four) as its heads need to
    // read apart ("H 0.998", "H 0.999" where two decimals read "H 1.00" for all).
    static int entropyDecimals(const std::vector<double>& entropies);

Q_SIGNALS:
    void openLargeRequested(const std::string& stage);  // a row double-clicked

protected:
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void paintEvent(QPaintEvent*) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    bool event(QEvent* e) override;

private:
    // figure: white, without the selection frame (the window's state, not the figure's).
    void paintGrid(QPainter& p, const QSize& size, bool figure) const;
    std::vector<int> headOrder(const std::string& stage) const;
    int columnCount() const;
    double rowLabelWidth(double width) const;  // the widest stage label (wrapped), at most a fifth of width

    Workbench* session_;
    SortKey sort_ = SortKey::ModelOrder;
};

// The Heads dock: a sort selector over the head grid, and every head of a stage opened large (a row
// double-clicked, or Open Large for the shown stage) in a window of its own.
class HeadGridPanel : public QWidget {
    Q_OBJECT
public:
    explicit HeadGridPanel(Workbench* session, QWidget* parent = nullptr);
    HeadGridView* grid() const { return grid_; }
    // Opens (or raises) the large view of `stage`; returns it.
    class HeadAtlasView* openLarge(const std::string& stage);

private:
    Workbench* session_;
    HeadGridView* grid_;
    QComboBox* sort_;
};

}  // namespace filterscope
