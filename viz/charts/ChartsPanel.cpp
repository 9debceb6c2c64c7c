#include "charts/ChartsPanel.h"

#include "analysis/MapStatistics.h"
#include "charts/ChartSetup.h"
#include "charts/CkaHeatmapView.h"
#include "charts/FaithfulnessChart.h"
#include "charts/FourierDepthChart.h"
#include "charts/TokenOutlierChart.h"
#include "figure/ColorbarTicks.h"
#include "labels/LocalizedNames.h"
#include "session/Workbench.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QScatterSeries>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include <cmath>

namespace filterscope {
namespace {

QChartView* makeView(QWidget* parent) {
    auto* chart = new QChart();
    chart->setBackgroundRoundness(0);
    auto* view = new QChartView(chart, parent);
    prepareChartView(view);
    return view;
}

QValueAxis* valueAxis(const QString& title, double lo, double hi) {
    auto* a = new QValueAxis();
    a->setTitleText(title);
    a->setRange(lo, hi);
    a->applyNiceNumbers();  // ticks on round values, labelled with the digits they need
    a->setLabelFormat(axisLabelFormat(a->min(), a->max(), a->tickCount()));
    return a;
}

}  // namespace

ChartsPanel::ChartsPanel(Workbench* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      histogramView_(makeView(this)),
      stagesView_(makeView(this)),
      spectrumView_(makeView(this)),
      headsView_(makeView(this)) {
    // One chart per tab: stacked in a dock at 1280x800 each would be too small to read.
    tabs_ = new QTabWidget(this);
    tabs_->addTab(stagesView_, tr("Through stages"));
    tabs_->addTab(histogramView_, tr("Norm histogram"));
    tabs_->addTab(spectrumView_, tr("Radial spectrum"));
    tabs_->addTab(headsView_, tr("Heads"));
    tokenOutliers_ = new TokenOutlierChart(session_, this);
    cka_ = new CkaHeatmapView(session_, this);
    fourier_ = new FourierDepthChart(session_, this);
    faithfulness_ = new FaithfulnessChart(session_, this);
    tabs_->addTab(tokenOutliers_, tr("Token outliers"));
    tabs_->addTab(cka_, tr("Layer similarity"));
    tabs_->addTab(fourier_, tr("Fourier depth"));
    tabs_->addTab(faithfulness_, tr("Faithfulness"));
    // Eight tabs do not fit a dock: every one stays a click away in the corner menu.
    auto* all = new QToolButton(tabs_);
    all->setText(tr("All charts"));
    all->setToolTip(tr("Every chart of this dock"));
    all->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(all);
    for (int i = 0; i < tabs_->count(); ++i)
        menu->addAction(tabs_->tabText(i), tabs_, [this, i] { tabs_->setCurrentIndex(i); });
    all->setMenu(menu);
    tabs_->setCornerWidget(all, Qt::TopRightCorner);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &ChartsPanel::refresh);
    connect(&session_->selection(), &SelectionModel::changed, this, [this] {
        refreshHistogram();  // head statistics do not depend on the selection
        refreshStageCurves();
        refreshSpectrum();
    });
    refresh();
}

QVector<QPointF> ChartsPanel::stageCurve(const QString& name) const {
    if (name == QLatin1String("mean norm"))
        return meanNorm_;
    if (name == QLatin1String("mean freq"))
        return meanFreq_;
    if (name == QLatin1String("hf ratio"))
        return hfRatio_;
    return {};
}

void ChartsPanel::refresh() {
    refreshHistogram();
    refreshStageCurves();
    refreshSpectrum();
    refreshHeads();
}

QVector<QPointF> ChartsPanel::headPoints(int slot, const QString& stage) const {
    return headPoints_.value(QString::number(slot) + QLatin1Char(':') + stage);
}

void ChartsPanel::refreshHeads() {
    QChart* chart = headsView_->chart();
    clearChart(chart);
    headPoints_.clear();
    double maxDistance = 1;
    std::vector<QScatterSeries*> all;
    for (int slot = 0; slot < Workbench::kSlots; ++slot) {
        const auto r = session_->document().result(slot);
        if (!r)
            continue;
        for (const StageMaps& m : r->maps) {
            if (!m.attention)
                continue;
            auto* series = new QScatterSeries();
            series->setName((slot == 0 ? QStringLiteral("A: ") : QStringLiteral("B: ")) +
                            stageLabelText(session_->document().plugin(slot)->manifest(), m.stage));
            series->setMarkerSize(slot == 0 ? 10 : 8);
            series->setMarkerShape(slot == 0 ? QScatterSeries::MarkerShapeCircle
                                             : QScatterSeries::MarkerShapeRectangle);
            QVector<QPointF>& points =
                headPoints_[QString::number(slot) + QLatin1Char(':') + QString::fromStdString(m.stage)];
            for (const HeadStatistics& h : m.attention->heads) {
                points.append({h.entropy, h.meanDistance});
                maxDistance = std::max(maxDistance, h.meanDistance);
            }
            series->append(points);
            chart->addSeries(series);
            all.push_back(series);
        }
    }
    if (all.empty()) {
        chart->setTitle(session_->document().plugin(0) && !session_->maps().hasAttention(0)
                            ? tr("Heads: this plugin returns no attn.* captures")
                            : tr("Heads: %1").arg(noResultReason()));
        return;
    }
    double minEntropy = 1, minDistance = maxDistance;
    for (const auto& points : headPoints_)
        for (const QPointF& p : points) {
            minEntropy = std::min(minEntropy, p.x());
            minDistance = std::min(minDistance, p.y());
        }
    // Random or untrained heads crowd near entropy 1: zoom the axes onto the points, keeping 1 in view.
    const double pad = std::max(0.002, (1.0 - minEntropy) * 0.15);
    auto* x = valueAxis(tr("entropy of the CLS row / log N"), std::max(0.0, minEntropy - pad), 1.0 + pad / 4);
    const double dpad = std::max(0.05, (maxDistance - minDistance) * 0.15);
    auto* y = valueAxis(tr("mean attention distance (grid cells)"), std::max(0.0, minDistance - dpad),
                        maxDistance + dpad);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QScatterSeries* s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->setTitle(tr("Every head: focused heads sit low and left"));
}

QString ChartsPanel::stageText(const std::string& stage) const {
    const auto plugin = session_->document().plugin(0);
    return plugin ? stageLabelText(plugin->manifest(), stage) : QString::fromStdString(stage);
}

QString ChartsPanel::noResultReason() const {
    return session_->document().inputError(0).isEmpty() ? tr("no result yet")
                                                        : tr("this input failed (the main view says why)");
}

void ChartsPanel::refreshHistogram() {
    QChart* chart = histogramView_->chart();
    clearChart(chart);
    histogram_.clear();
    prefixMarks_.clear();
    const auto r = session_->document().result(0);
    const std::string stage = session_->selection().state().stage;
    const StageMaps* m = r ? r->stage(stage) : nullptr;
    if (!m || !m->norms) {
        chart->setTitle(tr("Token norms: %1").arg(noResultReason()));
        return;
    }
    const FloatArray& norms = m->norms->grid;
    auto [lo, hi] = finiteRange(norms);
    for (float p : m->norms->prefix)
        hi = std::max(hi, double(p));
    for (float p : m->norms->prefix)
        lo = std::min(lo, double(p));
    if (hi <= lo)
        hi = lo + 1;
    const double width = (hi - lo) / kHistogramBins;
    std::vector<int> counts(kHistogramBins, 0);
    for (float v : norms.data)
        if (std::isfinite(v))
            counts[std::min(kHistogramBins - 1, int((v - lo) / width))]++;
    auto* upper = new QLineSeries();
    int maxCount = 1;
    for (int b = 0; b < kHistogramBins; ++b) {
        histogram_.append({lo + (b + 0.5) * width, double(counts[b])});
        upper->append(lo + b * width, counts[b]);
        upper->append(lo + (b + 1) * width, counts[b]);
        maxCount = std::max(maxCount, counts[b]);
    }
    auto* area = new QAreaSeries(upper);
    upper->setParent(
        area);  // an area series does not own its line series: without this each refresh leaked one
    area->setName(tr("grid tokens (%1)").arg(norms.data.size()));
    chart->addSeries(area);
    // A margin on both sides: a prefix token at the extreme (CLS often is) gets its whole marker.
    auto* x = valueAxis(tr("‖xᵢ‖₂"), lo - 0.04 * (hi - lo), hi + 0.04 * (hi - lo));
    auto* y = valueAxis(tr("tokens"), 0, maxCount * 1.1);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    area->attachAxis(x);
    area->attachAxis(y);
    if (!m->norms->prefix.empty()) {
        auto* marks = new QScatterSeries();
        marks->setName(tr("prefix tokens (CLS…)"));
        marks->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        marks->setMarkerSize(14);
        marks->setColor(QColor(220, 40, 40));
        for (float p : m->norms->prefix) {
            marks->append(p, maxCount * 0.08);  // above the axis line, so the triangle is not cut
            prefixMarks_.append({p, 0});
        }
        chart->addSeries(marks);
        marks->attachAxis(x);
        marks->attachAxis(y);
    }
    chart->legend()->setVisible(!m->norms->prefix.empty());
    chart->setTitle(tr("Token norms at %1 (%2 grid tokens)").arg(stageText(stage)).arg(norms.data.size()));
}

void ChartsPanel::refreshStageCurves() {
    QChart* chart = stagesView_->chart();
    clearChart(chart);
    meanNorm_.clear();
    meanFreq_.clear();
    hfRatio_.clear();
    const auto r = session_->document().result(0);
    const auto plugin = session_->document().plugin(0);
    if (!r || !plugin || r->maps.empty()) {
        chart->setTitle(tr("Per-stage curves: %1").arg(noResultReason()));
        return;
    }
    auto* norm = new QLineSeries();
    norm->setName(tr("mean norm"));
    auto* freq = new QLineSeries();
    freq->setName(tr("mean phase-norm"));
    auto* hf = new QLineSeries();
    hf->setName(tr("HF ratio (right)"));
    double top = 0;
    auto* x = new QCategoryAxis();
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    x->setLabelsAngle(-90);
    for (int i = 0; i < static_cast<int>(r->maps.size()); ++i) {
        const StageMaps& m = r->maps[i];
        if (m.norms)
            meanNorm_.append({double(i), computeMapStatistics(m.norms->grid).mean});
        if (m.frequency)
            meanFreq_.append({double(i), computeMapStatistics(*m.frequency).mean});
        if (m.spectrum)
            hfRatio_.append({double(i), m.spectrum->highFrequencyRatio});
        if (!m.sliceSpectra.empty()) {  // video: the mean over token-time steps
            double hf = 0;
            for (const SpatialSpectrum& s : m.sliceSpectra)
                hf += s.highFrequencyRatio;
            hfRatio_.append({double(i), hf / m.sliceSpectra.size()});
        }
        // The strip's display names, so one stage reads the same everywhere; a long one without its
        // parenthesis ("Adapter in", not "Adapter in (192 to …"): the axis has room for a short name only.
        QString label = shortStageLabel(stageLabelText(plugin->manifest(), m.stage));
        if (label.size() > 20)
            label = label.left(19) + QStringLiteral("…");
        x->append(label, i);
    }
    for (const QPointF& p : meanNorm_)
        top = std::max(top, p.y());
    for (const QPointF& p : meanFreq_)
        top = std::max(top, p.y());
    norm->append(meanNorm_);
    freq->append(meanFreq_);
    hf->append(hfRatio_);
    // A curve without points (no spectrum for point clouds) would still show in the legend: left out.
    std::vector<QLineSeries*> shown;
    for (QLineSeries* s : {norm, freq, hf}) {
        if (s->count() == 0) {
            delete s;
            continue;
        }
        s->setPointsVisible(true);
        chart->addSeries(s);
        shown.push_back(s);
    }
    x->setRange(-0.3, r->maps.size() - 0.7);
    auto* left = valueAxis(tr("mean"), 0, top * 1.1 + 1e-9);
    left->applyNiceNumbers();
    auto* right = valueAxis(tr("HF ratio"), 0, 1);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(left, Qt::AlignLeft);
    const bool withHf = std::find(shown.begin(), shown.end(), hf) != shown.end();
    if (withHf)
        chart->addAxis(right, Qt::AlignRight);
    else
        delete right;
    for (QLineSeries* s : shown)
        s->attachAxis(x);
    for (QLineSeries* s : shown)
        s->attachAxis(s == hf ? right : left);
    chart->setTitle(tr("Through the stages of %1").arg(QString::fromStdString(plugin->id())));
}

void ChartsPanel::refreshSpectrum() {
    QChart* chart = spectrumView_->chart();
    clearChart(chart);
    radial_.clear();
    const auto r = session_->document().result(0);
    const std::string stage = session_->selection().state().stage;
    const StageMaps* m = r ? r->stage(stage) : nullptr;
    if (!m || !m->spectrum || r->maps.empty()) {
        chart->setTitle(tr("Radial spectrum: %1").arg(noResultReason()));
        return;
    }
    auto* x = valueAxis(tr("radius (cycles/token)"), 0, 0.75);
    auto* y = new QLogValueAxis();
    y->setTitleText(tr("power"));
    y->setLabelFormat(QStringLiteral("%.0e"));
    double lo = INFINITY, hi = 0;
    auto addProfile = [&](const StageMaps& s, bool dashed) {
        auto* series = new QLineSeries();
        series->setName(stageText(s.stage) + (dashed ? tr(" (first stage)") : QString()));
        for (size_t i = 0; i < s.spectrum->radius.size(); ++i) {
            const double p = s.spectrum->ringPower[i];
            if (p <= 0)
                continue;
            series->append(s.spectrum->radius[i], p);
            lo = std::min(lo, p);
            hi = std::max(hi, p);
            if (!dashed)
                radial_.append({s.spectrum->radius[i], p});
        }
        if (dashed) {
            QPen pen = series->pen();
            pen.setStyle(Qt::DashLine);
            series->setPen(pen);
        }
        chart->addSeries(series);
        return series;
    };
    std::vector<QLineSeries*> all = {addProfile(*m, false)};
    if (r->maps.front().stage != stage && r->maps.front().spectrum)
        all.push_back(addProfile(r->maps.front(), true));
    if (!(lo < hi))
        hi = lo * 10 + 1e-12;
    y->setRange(lo / 1.5, hi * 1.5);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* s : all) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->setTitle(tr("Radial spectrum at %1 (HF ratio %2)")
                        .arg(stageText(stage))
                        .arg(m->spectrum->highFrequencyRatio, 0, 'f', 3));
}

}  // namespace filterscope
