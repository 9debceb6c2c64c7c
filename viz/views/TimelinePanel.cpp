#include "views/TimelinePanel.h"

#include "analysis/VideoAnalysis.h"
#include "charts/ChartSetup.h"
#include "input/InputPreparation.h"
#include "session/Workbench.h"
#include "views/FilmstripView.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>

namespace filterscope {

TimelinePanel::TimelinePanel(Workbench* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      filmstrip_(new FilmstripView(session, this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      play_(new QToolButton(this)),
      label_(new QLabel(this)),
      chart_(new QChartView(new QChart(), this)),
      timer_(new QTimer(this)) {
    play_->setText(tr("Play"));
    play_->setCheckable(true);
    label_->setObjectName(QStringLiteral("frameLabel"));
    play_->setToolTip(tr("Play through the sampled frames (4 per second)"));
    slider_->setToolTip(tr("The sampled frame the views show"));
    timer_->setInterval(250);
    chart_->chart()->legend()->setAlignment(Qt::AlignRight);
    chart_->chart()->legend()->setFont([] {
        QFont f;
        f.setPointSizeF(f.pointSizeF() * 0.8);
        return f;
    }());
    chart_->chart()->setMargins(QMargins(2, 2, 2, 2));
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumWidth(300);
    // At 1280 px beside the stage strip the frame sentence took the slider's room: it wraps instead.
    slider_->setMinimumWidth(120);
    label_->setWordWrap(true);
    auto* controls = new QHBoxLayout();
    controls->addWidget(play_);
    controls->addWidget(slider_, 1);
    controls->addWidget(label_);
    auto* left = new QVBoxLayout();
    left->addWidget(filmstrip_, 1);
    left->addLayout(controls);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(left, 3);
    layout->addWidget(chart_, 2);
    connect(slider_, &QSlider::valueChanged, &session_->selection(), &SelectionModel::setFrame);
    connect(play_, &QToolButton::toggled, this, [this](bool on) {
        play_->setText(on ? tr("Pause") : tr("Play"));
        on ? timer_->start() : timer_->stop();
    });
    connect(timer_, &QTimer::timeout, this, [this] {
        const int n = session_->maps().frameCount(0);
        if (n > 1)
            session_->selection().setFrame((session_->selection().state().frame + 1) % n);
    });
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, [this] {
        refreshCurve();
        refresh();
    });
    connect(&session_->selection(), &SelectionModel::changed, this, [this] {
        refreshCurve();
        refresh();
    });
    refreshCurve();
    refresh();
}

QVector<QPointF> TimelinePanel::curve(int which) const {
    return which == 0 ? mean_ : max_;
}

void TimelinePanel::refresh() {
    const int n = session_->maps().frameCount(0);
    const int frame = session_->selection().state().frame;
    const QSignalBlocker block(slider_);
    slider_->setRange(0, std::max(0, n - 1));
    slider_->setValue(frame);
    slider_->setEnabled(n > 1);
    play_->setEnabled(n > 1);
    const auto r = session_->document().result(0);
    if (n > 1 && r) {
        const int t = tokenTimeOfFrame(frame, session_->document().plugin(0)->manifest().video);
        // 0-based like the chart's axis and the exported files: sampled frame f of 0 … T−1.
        label_->setText(tr("sampled frame %1 of 0–%2, file frame %3, token time %4")
                            .arg(frame)
                            .arg(n - 1)
                            .arg(r->frameIndices.at(frame))
                            .arg(t));
    } else {
        const auto plugin = session_->document().plugin(0);
        const Modality m = plugin ? plugin->manifest().modality : Modality::Image;
        label_->setText(m == Modality::PointCloud ? tr("point-cloud input: no time axis")
                        : m == Modality::Video    ? tr("a clip of one sampled frame: no time axis")
                                                  : tr("image input: no time axis"));
    }
}

void TimelinePanel::refreshCurve() {
    QChart* chart = chart_->chart();
    clearChart(chart);
    mean_.clear();
    max_.clear();
    const auto r = session_->document().result(0);
    const StageMaps* m = r ? r->stage(session_->selection().state().stage) : nullptr;
    if (!m || !m->norms || m->norms->grid.dim() != 3 || r->frames.size() < 2) {
        chart->setTitle(tr("Per-frame token norm: video inputs only"));
        return;
    }
    const FloatArray curve = timeCurve(m->norms->grid);
    const VideoInputSpec& video = session_->document().plugin(0)->manifest().video;
    auto* meanSeries = new QLineSeries();
    meanSeries->setName(tr("mean norm"));
    auto* maxSeries = new QLineSeries();
    maxSeries->setName(tr("max norm"));
    double top = 0;
    for (int f = 0; f < static_cast<int>(r->frames.size()); ++f) {
        const int t = std::min<int>(tokenTimeOfFrame(f, video), int(curve.shape[0]) - 1);
        mean_.append({double(f), curve.data[t * 2]});
        max_.append({double(f), curve.data[t * 2 + 1]});
        top = std::max(top, double(curve.data[t * 2 + 1]));
    }
    meanSeries->append(mean_);
    maxSeries->append(max_);
    auto* marker = new QLineSeries();  // the current frame
    marker->setName(tr("current frame"));
    const int frame = session_->selection().state().frame;
    marker->append(frame, 0);
    marker->append(frame, top * 1.1);
    QPen pen(Qt::red);
    pen.setStyle(Qt::DashLine);
    marker->setPen(pen);
    auto* x = new QValueAxis();
    x->setRange(0, r->frames.size() - 1);
    x->setTickCount(std::min<int>(9, static_cast<int>(r->frames.size())));
    x->setLabelFormat(QStringLiteral("%d"));
    QFont small = x->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    x->setLabelsFont(small);
    auto* y = new QValueAxis();
    y->setRange(0, top * 1.1);
    y->setLabelFormat(QStringLiteral("%.3g"));
    y->setLabelsFont(small);
    y->setTickCount(3);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* s : {meanSeries, maxSeries, marker}) {
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->setTitle(tr("Token norm per sampled frame, %1").arg(QString::fromStdString(m->stage)));
}

}  // namespace filterscope
