#pragma once

#include <QWidget>

#include <string>

namespace filterscope {

class Workbench;

// Small multiples: the selected analysis for every stage of the primary plugin, in model order, so the
// change through the encoder and through the frozen LLM block shows at a glance. Per-map or shared
// colour scale follows the session; clicking a stage selects it everywhere.
class StageStripView : public QWidget {
    Q_OBJECT
public:
    explicit StageStripView(Workbench* session, QWidget* parent = nullptr);

    int stageAt(const QPointF& pos) const;  // index into the plugin's token stages, or -1
    QRectF cellRect(int index, const QSize& size) const;
    // The strip as a figure (export, Copy View): white, without the selection frame, with room for stage
    // names on up to two lines above each range, so none is cut. figureSize() is the size to export at.
    void paintFigure(QPainter& p, const QSize& size) const;
    QSize figureSize() const;
    QSize sizeHint() const override { return {1200, 190}; }
    QSize minimumSizeHint() const override { return {300, 140}; }

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    bool event(QEvent* e) override;  // tooltips: a stage's whole name and its range

private:
    void paintStrip(QPainter& p, const QSize& size, bool figure) const;
    QRectF cellRectWithLabels(int index, const QSize& size, int labelHeight) const;
    int labelHeight(const QSize& size) const;           // under each cell: the name, wrapped, and the range
    QString rangeText(const std::string& stage) const;  // "1.41 – 5.17", or "" without a map
    int stageCount() const;
    Workbench* session_;
};

}  // namespace filterscope
