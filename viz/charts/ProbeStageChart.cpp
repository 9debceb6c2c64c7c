#include "charts/ProbeStageChart.h"

#include "analysis/MapKind.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "labels/ProbeMetricText.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace filterscope {

ProbeStageChart::ProbeStageChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(300);  // room for the rotated stage names and a plot still worth reading
}

void ProbeStageChart::show(const std::vector<SummaryRow>& summary, const std::string& metric,
                           const std::string& map, const std::map<std::string, QString>& stageLabels) {
    const QString metricText = probeMetricText(metric);
    MapKind kind = MapKind::Norm;
    const QString mapText = mapKindNamed(map, kind) ? mapKindInSentence(kind) : QString::fromStdString(map);
    auto* chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setTitle(tr("%1 of the %2 map per stage (95% interval)").arg(metricText, mapText));
    std::vector<std::string> stages, models;
    for (const SummaryRow& s : summary)
        if (s.metric == metric && s.map == map && s.n > 0) {
            if (std::find(stages.begin(), stages.end(), s.stage) == stages.end())
                stages.push_back(s.stage);
            if (std::find(models.begin(), models.end(), s.model) == models.end())
                models.push_back(s.model);
        }
    auto* x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    QStringList used;  // a category axis drops a label it already has: two stages, one name, get their ids
    for (size_t i = 0; i < stages.size(); ++i) {
        const auto label = stageLabels.find(stages[i]);
        QString text =
            label != stageLabels.end() ? shortStageLabel(label->second) : QString::fromStdString(stages[i]);
        if (used.contains(text))
            text += QStringLiteral(" (%1)").arg(QString::fromStdString(stages[i]));
        used << text;
        x->append(text, static_cast<double>(i));
    }
    x->setRange(-0.3, std::max<double>(0.3, stages.size() - 0.7));
    x->setLabelsAngle(-90);
    auto* y = new QValueAxis;
    y->setTitleText(metricText);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = INFINITY, hi = -INFINITY;
    for (const std::string& model : models) {
        auto* mean = new QLineSeries;
        auto* upper = new QLineSeries;
        auto* lower = new QLineSeries;
        mean->setName(QString::fromStdString(model));
        for (size_t i = 0; i < stages.size(); ++i)
            for (const SummaryRow& s : summary)
                if (s.model == model && s.stage == stages[i] && s.map == map && s.metric == metric &&
                    s.n > 0) {
                    mean->append(static_cast<double>(i), s.mean);
                    upper->append(static_cast<double>(i), s.high);
                    lower->append(static_cast<double>(i), s.low);
                    lo = std::min(lo, s.low), hi = std::max(hi, s.high);
                }
        auto* band = new QAreaSeries(upper, lower);
        band->setName(tr("%1 95% interval").arg(QString::fromStdString(model)));
        chart->addSeries(band);
        chart->addSeries(mean);
        for (QAbstractSeries* s :
             {static_cast<QAbstractSeries*>(band), static_cast<QAbstractSeries*>(mean)}) {
            s->attachAxis(x);
            s->attachAxis(y);
        }
        QColor c = mean->color();
        c.setAlphaF(0.2);
        band->setColor(c);
        band->setBorderColor(Qt::transparent);
        for (QLegendMarker* m : chart->legend()->markers(band))  // the band is explained in the title
            m->setVisible(false);
    }
    if (lo <= hi)
        y->setRange(lo - 0.05 * (hi - lo + 1e-9), hi + 0.05 * (hi - lo + 1e-9));
    QChart* old = this->chart();
    setChart(chart);
    delete old;
}

}  // namespace filterscope
