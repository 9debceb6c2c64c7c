#pragma once

#include <QChartView>
#include <QPointF>
#include <QVector>

namespace filterscope {

class Workbench;

// Park & Kim's high-frequency curve: the Δ log amplitude at the highest frequency of each stage against
// depth (model order), for A and, in compare mode, B; the selected stage's whole curve over frequency in
// the tooltip of its point.
class FourierDepthChart : public QChartView {
    Q_OBJECT
public:
    explicit FourierDepthChart(Workbench* session, QWidget* parent = nullptr);
    QVector<QPointF> depthCurve(int slot) const { return slot == 0 ? a_ : b_; }  // (stage index, Δ at π)

public Q_SLOTS:
    void refresh();

private:
    Workbench* session_;
    QVector<QPointF> a_, b_;
};

}  // namespace filterscope
