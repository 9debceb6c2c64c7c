#include "charts/FourierDepthChart.h"

#include "charts/ChartSetup.h"
#include "labels/LocalizedNames.h"
#include "session/Workbench.h"

#include <QCategoryAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace filterscope {

FourierDepthChart::FourierDepthChart(Workbench* session, QWidget* parent)
    : QChartView(new QChart(), parent), session_(session) {
    prepareChartView(this);
    setToolTip(
        tr("Δ log amplitude at the highest frequency of each stage (Park & Kim 2022): higher keeps more "
           "high-frequency content"));
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &FourierDepthChart::refresh);
    refresh();
}

void FourierDepthChart::refresh() {
    QChart* c = chart();
    clearChart(c);
    a_.clear();
    b_.clear();
    const auto a = session_->document().result(0);
    if (!a || a->layers.fourier.empty()) {
        c->setTitle(a ? tr("Fourier depth curve: no square token grid")
                      : tr("Fourier depth curve: no result yet"));
        return;
    }
    // The x axis is A's stages in model order; B's points sit at A's stage of the same name, or follow on.
    std::vector<std::string> order;
    for (const StageMaps& m : a->maps)
        order.push_back(m.stage);
    auto* x = new QCategoryAxis();
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setLabelsAngle(-90);
    double lo = 0, hi = 0;
    for (int slot = 0; slot < 2; ++slot) {
        const auto r = session_->document().result(slot);
        if (!r || !session_->document().plugin(slot) || (slot == 1 && !session_->document().plugin(1)))
            continue;
        auto* series = new QLineSeries();
        series->setName(QString::fromStdString(session_->document().plugin(slot)->id()) +
                        (slot == 0 ? QStringLiteral(" (A)") : QStringLiteral(" (B)")));
        series->setPointsVisible(true);
        QVector<QPointF>& points = slot == 0 ? a_ : b_;
        int extra = static_cast<int>(order.size());
        for (const StageFourierCurve& f : r->layers.fourier) {
            auto at = std::find(order.begin(), order.end(), f.stage);
            const int index = at != order.end() ? static_cast<int>(at - order.begin()) : extra++;
            const double v = f.dlogamp.data.back();
            points.append({double(index), v});
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            if (slot == 0)
                x->append(stageLabelText(session_->document().plugin(0)->manifest(), f.stage), index);
        }
        series->append(points);
        c->addSeries(series);
    }
    auto* y = new QValueAxis();
    y->setTitleText(tr("Δ log amplitude at π"));
    y->setRange(lo - 0.05 * (hi - lo + 1e-9), hi + 0.05 * (hi - lo + 1e-9));
    y->applyNiceNumbers();
    x->setRange(-0.5, std::max(0.5, double(order.size()) - 0.5));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : c->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    c->setTitle(tr("High frequencies through the stages<br>(Park & Kim 2022)"));
}

}  // namespace filterscope
