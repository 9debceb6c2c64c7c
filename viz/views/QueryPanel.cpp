#include "views/QueryPanel.h"

#include "color/Colormap.h"
#include "session/Workbench.h"
#include "views/MapPainting.h"
#include "views/QueryGridView.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace filterscope {
namespace {

// Coverage: the largest attention any query gives each cell, over the image.
class CoverageView : public QWidget {
    Q_DECLARE_TR_FUNCTIONS(filterscope::CoverageView)

public:
    CoverageView(Workbench* session, QueryGridView* grid, QWidget* parent)
        : QWidget(parent), session_(session), grid_(grid) {}
    QSize sizeHint() const override { return {220, 220}; }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.fillRect(rect(), palette().window());
        const QueryStageMaps* q = grid_->shown();
        const auto r = session_->document().result(0);
        if (!q || !r)
            return;
        const QFontMetrics fm(font());
        p.drawText(QRect(4, 0, width() - 8, fm.height() + 2), Qt::AlignLeft,
                   tr("coverage (%1% uncovered)").arg(q->queries.uncoveredShare * 100, 0, 'f', 1));
        MapPanel panel;
        panel.map = &q->coverage;
        panel.image = &r->modelInput;
        panel.colormap = &Colormap::byName(session_->selection().state().colormap);
        panel.opacity = 0.8;
        panel.lo = 0;
        panel.hi = 0;
        for (float v : q->coverage.data)
            panel.hi = std::max(panel.hi, double(v));
        // The map, a gap and the whole colorbar (ticks and its rotated label) inside the widget.
        panel.valueLabel = tr("max");  // short enough for the bar; the tooltip says over what
        const double bar = mappaint::colorbarWidth(fm, panel, height() - fm.height() - 8);
        const int side =
            std::max(10, std::min(width() - static_cast<int>(bar) - 12, height() - fm.height() - 8));
        const QRectF target(4, fm.height() + 4, side, side);
        mappaint::paintMap(p, panel, target);
        mappaint::paintColorbar(p, panel, QRectF(target.right() + 4, target.top(), bar, side));
    }

private:
    Workbench* session_;
    QueryGridView* grid_;
};

}  // namespace

QueryPanel::QueryPanel(Workbench* session, QWidget* parent)
    : QWidget(parent), session_(session), header_(new QLabel(this)), grid_(new QueryGridView(session, this)) {
    similarity_ = new SimilarityMatrixView(session, grid_, this);
    coverage_ = new CoverageView(session, grid_, this);
    coverage_->setToolTip(
        tr("Coverage: at each cell, the largest cross-attention any query puts there (max over "
           "queries); cells below 1/(h·w), uniform attention, count as uncovered"));
    body_ = new QWidget(this);
    auto* bottom = new QHBoxLayout();
    bottom->addWidget(similarity_, 1);
    bottom->addWidget(coverage_, 1);
    auto* bodyLayout = new QVBoxLayout(body_);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(grid_, 3);
    bodyLayout->addLayout(bottom, 2);
    header_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(header_);
    layout->addWidget(body_, 1);
    connect(&session_->document(), &WorkbenchDocument::resultsChanged, this, &QueryPanel::refresh);
    connect(&session_->selection(), &SelectionModel::changed, this, &QueryPanel::refresh);
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, &QueryPanel::refresh);
    refresh();
}

QString QueryPanel::summary() const {
    const auto plugin = session_->document().plugin(0);
    if (!plugin)
        return tr("Open a plugin");
    if (!session_->maps().hasCrossAttention(0))
        return tr("%1 returns no xattn.* captures: it has no Q-Former-style queries to show. "
                  "Connectors with learned queries return xattn.<stage> [1,H,M,N] (plugins/README.md).")
            .arg(QString::fromStdString(plugin->id()));
    const QueryStageMaps* q = grid_->shown();
    if (!q)
        return tr("Waiting for a result");
    return tr("<b>%1</b>: %2 queries, <b>%3</b> effective (pooling to %4 outputs: %5); %6 duplicate groups "
              "holding %7 queries; <b>%8%</b> of the image uncovered (pooling: %9%).")
        .arg(QString::fromStdString(q->stage))
        .arg(q->queries.queries)
        .arg(q->queries.effectiveQueries, 0, 'f', 2)
        .arg(q->pooling.queries)
        .arg(q->pooling.effectiveQueries, 0, 'f', 2)
        .arg(q->queries.duplicateGroups)
        .arg(q->queries.queriesInGroups)
        .arg(q->queries.uncoveredShare * 100, 0, 'f', 1)
        .arg(q->pooling.uncoveredShare * 100, 0, 'f', 1);
}

void QueryPanel::refresh() {
    header_->setText(summary());
    body_->setVisible(session_->maps().hasCrossAttention(0));
    update();
}

}  // namespace filterscope
