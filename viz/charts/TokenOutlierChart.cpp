#include "charts/TokenOutlierChart.h"

#include "charts/ChartSetup.h"
#include "labels/LocalizedNames.h"
#include "session/Workbench.h"

#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

namespace filterscope {

TokenOutlierChart::TokenOutlierChart(Workbench* session, QWidget* parent)
    : QChartView(new QChart(), parent), session_(session) {
    prepareChartView(this);
    QFont title = chart()->titleFont();
    title.setPointSizeF(title.pointSizeF() * 0.9);
    chart()->setTitleFont(title);
    setToolTip(tr("Click a grid token to select it in every view"));
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &TokenOutlierChart::refresh);
    connect(&session_->selection(), &SelectionModel::changed, this, &TokenOutlierChart::refresh);
    refresh();
}

void TokenOutlierChart::selectSequenceToken(int index) {
    const auto plugin = session_->document().plugin(0);
    if (!plugin)
        return;
    const std::string stage = session_->maps().stageFor(0);
    const TokenLayout layout = plugin->manifest().layoutOf(stage);
    if (index >= layout.prefix && index < layout.tokenCount())
        session_->selection().setToken(index - layout.prefix, layout.grid);
}

void TokenOutlierChart::refresh() {
    QChart* c = chart();
    clearChart(c);
    outliers_.clear();
    tokens_.clear();
    const auto r = session_->document().result(0);
    const auto plugin = session_->document().plugin(0);
    const std::string stage = session_->maps().stageFor(0);
    const StageTokenStatistics* found = nullptr;
    if (r)
        for (const StageTokenStatistics& t : r->layers.tokenStats)
            if (t.stage == stage)
                found = &t;
    if (!found || !plugin) {
        c->setTitle(r ? tr("Token outliers: no token statistics at this stage")
                      : tr("Token outliers: no result yet"));
        return;
    }
    const TokenStatistics& s = found->stats;
    const int prefix = plugin->manifest().layoutOf(stage).prefix;
    auto* prefixSeries = new QScatterSeries();
    prefixSeries->setName(tr("prefix"));
    prefixSeries->setMarkerSize(9);
    prefixSeries->setColor(QColor(230, 140, 20));
    auto* gridSeries = new QScatterSeries();
    gridSeries->setName(tr("grid"));
    gridSeries->setMarkerSize(5);
    gridSeries->setColor(QColor(70, 110, 170));
    auto* outlierSeries = new QScatterSeries();
    outlierSeries->setName(tr("outliers"));
    outlierSeries->setMarkerSize(9);
    outlierSeries->setColor(QColor(210, 40, 40));
    double top = 0;
    for (size_t i = 0; i < s.norms.size(); ++i) {
        const QPointF p(double(i), s.norms[i]);
        tokens_.append(p);
        top = std::max(top, double(s.norms[i]));
        const bool outlier = std::binary_search(s.outliers.begin(), s.outliers.end(), int64_t(i));
        if (outlier)
            outliers_.append(p);
        (outlier ? outlierSeries : int(i) < prefix ? prefixSeries : gridSeries)->append(p);
    }
    threshold_ = s.outlierThreshold;
    auto* line = new QLineSeries();
    line->setName(tr("threshold"));
    line->setPen(QPen(QColor(120, 120, 120), 1.5, Qt::DashLine));
    line->append(0, s.outlierThreshold);
    line->append(double(s.norms.size() - 1), s.outlierThreshold);
    for (QAbstractSeries* series :
         std::initializer_list<QAbstractSeries*>{gridSeries, prefixSeries, outlierSeries, line})
        c->addSeries(series);
    for (QScatterSeries* series : {gridSeries, prefixSeries, outlierSeries})
        connect(series, &QScatterSeries::clicked, this,
                [this](const QPointF& p) { selectSequenceToken(qRound(p.x())); });
    auto* x = new QValueAxis();
    x->setTitleText(tr("token (sequence index)"));
    x->setRange(-0.5, double(s.norms.size()) - 0.5);
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis();
    y->setTitleText(QStringLiteral("‖xᵢ‖₂"));
    y->setRange(0, std::max(top, s.outlierThreshold) * 1.08);
    y->applyNiceNumbers();
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : c->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    const MassiveActivation& m = s.top.front();
    // A short title (the dock is narrow); every number in the tooltip.
    c->setTitle(tr("%1: %2 outliers, %3 sinks, max |x| %4× median")
                    .arg(stageLabelText(plugin->manifest(), stage))
                    .arg(s.outliers.size())
                    .arg(s.sinks.size())
                    .arg(s.massiveRatio, 0, 'f', 1));
    setToolTip(
        tr("Outliers: norm > median %1 + %2·1.4826·MAD %3 = %4\nLargest |x|: %5 at token %6, channel %7; "
           "median |x| %8\nSink dimensions %9 (φ ≥ 20 marks a sink)\nClick a grid token to select it")
            .arg(s.medianNorm, 0, 'g', 4)
            .arg(s.outlierFactor)
            .arg(s.madNorm, 0, 'g', 4)
            .arg(s.outlierThreshold, 0, 'g', 4)
            .arg(double(m.value), 0, 'g', 4)
            .arg(m.token)
            .arg(m.channel)
            .arg(s.medianAbs, 0, 'g', 4)
            .arg([&s] {
                QStringList d;
                for (int64_t v : s.sinkDims)
                    d << QString::number(v);
                return d.join(QLatin1Char(' '));
            }()));
}

}  // namespace filterscope
