#include "charts/FaithfulnessChart.h"

#include "charts/ChartSetup.h"
#include "session/Workbench.h"

#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QVBoxLayout>
#include <QValueAxis>

namespace filterscope {

FaithfulnessChart::FaithfulnessChart(Workbench* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      compute_(new QPushButton(tr("Compute insertion/deletion curves"), this)),
      status_(new QLabel(this)),
      view_(new QChartView(new QChart(), this)) {
    compute_->setToolTip(
        tr("Remove (deletion) or add (insertion) the tokens this map ranks highest, 1/16 of "
           "them per step, and follow the predicted class's probability (RISE, Petsiuk et "
           "al. 2018)"));
    status_->setWordWrap(true);
    prepareChartView(view_);
    // The axes stay for the chart's life; only the series change (axes removed and added again while the
    // tab is hidden were left drawn at a stale size).
    auto* x = new QValueAxis();
    x->setTitleText(tr("share of tokens removed or kept"));
    x->setRange(0, 1);
    auto* y = new QValueAxis();
    y->setTitleText(tr("p(predicted class)"));
    y->setRange(0, 1);
    view_->chart()->addAxis(x, Qt::AlignBottom);
    view_->chart()->addAxis(y, Qt::AlignLeft);
    view_->chart()->setTitle(tr("Insertion/deletion curves of the map shown"));
    auto* top = new QHBoxLayout();
    top->addWidget(compute_);
    top->addWidget(status_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    connect(compute_, &QPushButton::clicked, this, [this] {
        for (int slot = 0; slot < 2; ++slot)
            if (session_->document().plugin(slot) && session_->faithfulness().unavailable(slot).isEmpty())
                session_->faithfulness().request(slot);
    });
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &FaithfulnessChart::refresh);
    connect(&session_->faithfulness(), &FaithfulnessRequests::changed, this, &FaithfulnessChart::refresh);
    connect(&session_->selection(), &SelectionModel::changed, this, &FaithfulnessChart::refresh);
    refresh();
}

QVector<QPointF> FaithfulnessChart::curve(int slot, bool deletion) const {
    return curves_[slot][deletion ? 1 : 0];
}

QString FaithfulnessChart::status() const {
    return status_->text();
}

void FaithfulnessChart::refresh() {
    QChart* c = view_->chart();
    c->removeAllSeries();
    for (auto& slotCurves : curves_)
        for (auto& v : slotCurves)
            v.clear();
    QStringList notes;
    bool missing = false, running = false;
    for (int slot = 0; slot < 2; ++slot) {
        const auto plugin = session_->document().plugin(slot);
        if (!plugin)
            continue;
        const QString who = slot == 0 ? QStringLiteral("A") : QStringLiteral("B");
        const QString why = session_->faithfulness().unavailable(slot);
        const QString error = session_->faithfulness().error(slot);
        const auto curves = session_->faithfulness().curves(slot);
        if (!why.isEmpty()) {
            notes << who + QStringLiteral(": ") + why;
            continue;
        }
        if (!error.isEmpty())
            notes << who + QStringLiteral(": ⚠ ") + error;
        running = running || session_->faithfulness().running(slot);
        if (!curves) {
            missing = true;
            continue;
        }
        // Four hues apart (Tableau's blue, orange, green, purple): a lighter shade of one blue was read as
        // the same curve.
        const QColor deletionColour = slot == 0 ? QColor(31, 119, 180) : QColor(255, 127, 14);
        const QColor insertionColour = slot == 0 ? QColor(44, 160, 44) : QColor(148, 103, 189);
        for (int deletion = 0; deletion < 2; ++deletion) {
            const std::vector<float>& p = deletion ? curves->deletion : curves->insertion;
            auto* series = new QLineSeries();
            series->setName(
                tr("%1 %2").arg(who, deletion ? tr("deletion") : tr("insertion")));  // AUCs: status line
            series->setPen(QPen(deletion ? deletionColour : insertionColour, 2,
                                deletion ? Qt::SolidLine : Qt::DashLine));
            for (size_t s = 0; s < p.size(); ++s)
                curves_[slot][deletion].append({double(s) / double(p.size() - 1), p[s]});
            series->append(curves_[slot][deletion]);
            c->addSeries(series);
            for (QAbstractAxis* axis : c->axes())
                series->attachAxis(axis);
        }
        notes << tr("%1: class %2, %3 at %4, insertion AUC %5, deletion AUC %6")
                     .arg(who)
                     .arg(curves->cls)
                     .arg(QString::fromStdString(curves->map), QString::fromStdString(curves->stage))
                     .arg(curves->insertionAuc, 0, 'f', 3)
                     .arg(curves->deletionAuc, 0, 'f', 3);
    }
    compute_->setEnabled(missing && !running);
    if (running)
        notes.prepend(tr("computing…"));
    status_->setText(notes.join(QStringLiteral("; ")));
}

}  // namespace filterscope
