#include "views/ProbePanel.h"

#include "batch/InputCollection.h"
#include "probe/DatasetProbe.h"
#include "session/ProbeSession.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineEdit>
#include <QLineSeries>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>

namespace filterscope {

// The worker's progress, delivered on the panel's thread; Cancel is a flag the probe polls between items.
class ProbePanelSink final : public ProgressSink {
public:
    explicit ProbePanelSink(QProgressBar* bar) : bar_(bar) {}
    void report(int done, int total, const std::string&) override {
        QPointer<QProgressBar> bar = bar_;
        QMetaObject::invokeMethod(
            bar_,
            [bar, done, total] {
                if (bar) {
                    bar->setMaximum(std::max(1, total));
                    bar->setValue(done);
                }
            },
            Qt::QueuedConnection);
    }
    bool isCancelRequested() const override { return cancelled_.load(); }
    void cancel() { cancelled_.store(true); }

private:
    QProgressBar* bar_;
    std::atomic<bool> cancelled_{false};
};

namespace {

MapKind kindOf(const QString& map) {
    if (map == QLatin1String("activation"))
        return MapKind::Activation;
    if (map == QLatin1String("freq"))
        return MapKind::Frequency;
    if (map == QLatin1String("attention"))
        return MapKind::Attention;
    if (map == QLatin1String("rollout"))
        return MapKind::Rollout;
    return MapKind::Norm;
}

QPushButton* browseButton(QWidget* parent, QLineEdit* target, const QString& caption) {
    auto* b = new QPushButton(QObject::tr("Browse…"), parent);
    b->setToolTip(caption);
    QObject::connect(b, &QPushButton::clicked, parent, [parent, target, caption] {
        const QString dir = QFileDialog::getExistingDirectory(parent, caption, target->text());
        if (!dir.isEmpty())
            target->setText(dir);
    });
    return b;
}

}  // namespace

ProbePanel::ProbePanel(ProbeSession* session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      inputs_(new QLineEdit(this)),
      masks_(new QLineEdit(this)),
      runButton_(new QPushButton(tr("Run probe"), this)),
      cancelButton_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      metric_(new QComboBox(this)),
      map_(new QComboBox(this)),
      table_(new QTableView(this)),
      model_(new QStandardItemModel(this)),
      sorted_(new QSortFilterProxyModel(this)),
      chart_(new QChartView(this)),
      status_(new QLabel(this)) {
    inputs_->setPlaceholderText(tr("folder of images"));
    inputs_->setToolTip(
        tr("Every image in this folder is run through the open plugins (A, and B in compare mode)"));
    masks_->setPlaceholderText(tr("folder of masks: x.png or x_mask.png for x.jpg (optional)"));
    masks_->setToolTip(
        tr("Ground-truth masks for the mask metrics (IoU, pointing game, AUROC, mass); without "
           "them only the label-free metrics (Gini, entropy, top-10% mass) are scored"));
    runButton_->setToolTip(tr("Score every image of the folder with the open plugins, in the background"));
    cancelButton_->setToolTip(tr("Stop the probe; finished items are kept and a rerun resumes"));
    metric_->setToolTip(tr("The metric the chart shows per stage, with its 95% interval"));
    map_->setToolTip(tr("The map kind the chart and table show"));
    cancelButton_->setEnabled(false);
    for (const char* m : {"miou_best", "iou_fixed", "jaccard60", "pointing", "auroc", "mass_fg", "rank_acc",
                          "fg_bg_ratio", "gini", "entropy", "top10_mass"})
        metric_->addItem(QString::fromLatin1(m));
    for (const char* m : {"norm", "activation", "freq", "attention", "rollout"})
        map_->addItem(QString::fromLatin1(m));
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(Qt::UserRole);
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->verticalHeader()->hide();
    table_->setMinimumHeight(120);
    table_->setToolTip(tr("Click a row to open that input at that stage and map"));
    chart_->setRenderHint(QPainter::Antialiasing);
    chart_->setMinimumHeight(230);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Inputs"), this), 0, 0);
    grid->addWidget(inputs_, 0, 1);
    grid->addWidget(browseButton(this, inputs_, tr("Input folder")), 0, 2);
    grid->addWidget(new QLabel(tr("Masks"), this), 1, 0);
    grid->addWidget(masks_, 1, 1);
    grid->addWidget(browseButton(this, masks_, tr("Mask folder")), 1, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(runButton_);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(progress_, 1);
    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Metric"), this));
    pick->addWidget(metric_);
    pick->addWidget(new QLabel(tr("Map"), this));
    pick->addWidget(map_);
    pick->addStretch(1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(table_);
    split->addWidget(chart_);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addLayout(buttons);
    layout->addLayout(pick);
    layout->addWidget(split, 1);
    layout->addWidget(status_);

    connect(runButton_, &QPushButton::clicked, this, &ProbePanel::run);
    connect(cancelButton_, &QPushButton::clicked, this, &ProbePanel::cancel);
    connect(metric_, &QComboBox::currentTextChanged, this, &ProbePanel::refresh);
    connect(map_, &QComboBox::currentTextChanged, this, &ProbePanel::refresh);
    connect(table_, &QTableView::clicked, this, &ProbePanel::openRow);
    connect(&watcher_, &QFutureWatcher<QString>::finished, this, &ProbePanel::onFinished);
    status_->setText(
        tr("Scores the open plugins' maps against ground-truth masks over a folder "
           "(filterscope-cli probe does the same from the command line)."));
}

ProbePanel::~ProbePanel() {
    if (sink_)
        sink_->cancel();
    watcher_.waitForFinished();
}

void ProbePanel::setFolders(const QString& inputs, const QString& masks) {
    inputs_->setText(inputs);
    masks_->setText(masks);
}

bool ProbePanel::isRunning() const {
    return running_;  // until onFinished has shown the results, not only until the worker returns
}

int ProbePanel::rowCount() const {
    return model_->rowCount();
}

QString ProbePanel::status() const {
    return status_->text();
}

void ProbePanel::selectMetric(const QString& metric, const QString& map) {
    metric_->setCurrentText(metric);
    map_->setCurrentText(map);
}

void ProbePanel::run() {
    if (isRunning())
        return;
    std::vector<ProbeModel> models;
    for (int slot = 0; slot < ProbeSession::kSlots; ++slot) {
        const auto plugin = session_->plugin(slot);
        if (!plugin || plugin->manifest().modality != Modality::Image)
            continue;
        const bool twice = std::any_of(models.begin(), models.end(),
                                       [&](const ProbeModel& m) { return m.name == plugin->id(); });
        if (!twice)
            models.push_back({plugin, plugin->id()});
    }
    const QString inputs = inputs_->text(), masks = masks_->text();
    if (models.empty()) {
        status_->setText(tr("Open an image plugin first (File > Open Plugin)."));
        return;
    }
    if (!QFileInfo(inputs).isDir()) {
        status_->setText(tr("Choose a folder of images (\"%1\" is not a folder).").arg(inputs));
        return;
    }
    if (!masks.isEmpty() && !QFileInfo(masks).isDir()) {
        status_->setText(tr("\"%1\" is not a folder of masks.").arg(masks));
        return;
    }
    DatasetProbeOptions options;
    options.maskDirectory = masks.toStdString();
    options.inputs = withoutMaskFiles(collectImageInputs({inputs.toStdString()}), options.maskDirectory);
    if (options.inputs.empty()) {
        status_->setText(tr("%1 holds no images.").arg(inputs));
        return;
    }
    // One folder per (models, inputs, masks): running the same probe again resumes it.
    QCryptographicHash key(QCryptographicHash::Sha1);
    for (const ProbeModel& m : models)
        key.addData(QByteArray::fromStdString(m.plugin->identity() + "\n"));
    key.addData((QDir(inputs).absolutePath() + QLatin1Char('\n') + masks).toUtf8());
    output_ = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/probe/") +
              QString::fromLatin1(key.result().toHex().left(12));
    options.outputDirectory = output_.toStdString();
    std::shared_ptr<DatasetProbe> probe;
    try {
        probe = std::make_shared<DatasetProbe>(models, options);
    } catch (const std::exception& e) {
        status_->setText(QString::fromUtf8(e.what()));
        return;
    }
    sink_ = std::make_shared<ProbePanelSink>(progress_);
    running_ = true;
    progress_->setValue(0);
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    status_->setText(tr("Running %1 models over %2 inputs…").arg(models.size()).arg(options.inputs.size()));
    std::shared_ptr<ProbePanelSink> sink = sink_;
    watcher_.setFuture(QtConcurrent::run([probe, sink]() -> QString {
        try {
            const DatasetProbeReport r = probe->run(*sink);
            return QObject::tr("%1 items computed, %2 already done, %3 failed%4")
                       .arg(r.done)
                       .arg(r.skipped)
                       .arg(r.failed)
                       .arg(r.cancelled ? QObject::tr(", cancelled: Run again to finish") : QString()) +
                   (r.errors.empty() ? QString()
                                     : QStringLiteral("\n") + QString::fromStdString(r.errors.front()));
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    }));
}

void ProbePanel::cancel() {
    if (sink_)
        sink_->cancel();
}

void ProbePanel::onFinished() {
    running_ = false;
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    sink_.reset();
    QString text = watcher_.result();
    try {
        rows_ = readAllItems(output_.toStdString());
        summary_ = readSummary(output_.toStdString());
    } catch (const std::exception& e) {
        text += QStringLiteral("\n") + QString::fromUtf8(e.what());
    }
    status_->setText(text + tr("\nTables and report: %1").arg(output_));
    refresh();
    Q_EMIT finished();
}

void ProbePanel::refresh() {
    const std::string metric = metric_->currentText().toStdString(), map = map_->currentText().toStdString();
    model_->clear();
    model_->setHorizontalHeaderLabels(
        {tr("input"), tr("model"), tr("stage"), tr("map"), metric_->currentText()});
    for (const ProbeRow& r : rows_) {
        if (r.metric != metric || r.map != map)
            continue;
        QList<QStandardItem*> items;
        for (const std::string& text :
             {QFileInfo(QString::fromStdString(r.input)).fileName().toStdString(), r.model, r.stage, r.map}) {
            auto* item = new QStandardItem(QString::fromStdString(text));
            item->setData(QString::fromStdString(text), Qt::UserRole);
            items << item;
        }
        items[0]->setData(QString::fromStdString(r.input), Qt::UserRole + 1);
        items[0]->setToolTip(QString::fromStdString(r.input));
        auto* value = new QStandardItem(std::isnan(r.value) ? QString() : QString::number(r.value, 'g', 6));
        value->setData(std::isnan(r.value) ? -INFINITY : r.value, Qt::UserRole);
        items << value;
        model_->appendRow(items);
    }
    table_->setColumnHidden(3, true);  // the map is the one chosen above
    table_->resizeColumnsToContents();

    // The chart: mean per stage per model, its 95% interval as a band.
    auto* chart = new QChart;
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setTitle(
        tr("%1 of the %2 map per stage (95% interval)").arg(metric_->currentText(), map_->currentText()));
    std::vector<std::string> stages, models;
    for (const SummaryRow& s : summary_)
        if (s.metric == metric && s.map == map && s.n > 0) {
            if (std::find(stages.begin(), stages.end(), s.stage) == stages.end())
                stages.push_back(s.stage);
            if (std::find(models.begin(), models.end(), s.model) == models.end())
                models.push_back(s.model);
        }
    auto* x = new QCategoryAxis;
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    for (size_t i = 0; i < stages.size(); ++i)
        x->append(QString::fromStdString(stages[i]), static_cast<double>(i));
    x->setRange(-0.3, std::max<double>(0.3, stages.size() - 0.7));
    x->setLabelsAngle(-90);
    QFont small = x->labelsFont();
    small.setPointSizeF(7);
    x->setLabelsFont(small);
    auto* y = new QValueAxis;
    y->setTitleText(metric_->currentText());
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = INFINITY, hi = -INFINITY;
    for (const std::string& model : models) {
        auto* mean = new QLineSeries;
        auto* upper = new QLineSeries;
        auto* lower = new QLineSeries;
        mean->setName(QString::fromStdString(model));
        for (size_t i = 0; i < stages.size(); ++i)
            for (const SummaryRow& s : summary_)
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
    QChart* old = chart_->chart();
    chart_->setChart(chart);
    delete old;
}

void ProbePanel::openRow(const QModelIndex& index) {
    const QModelIndex row = sorted_->mapToSource(index);
    const QString input = model_->item(row.row(), 0)->data(Qt::UserRole + 1).toString();
    const std::string stage = model_->item(row.row(), 2)->text().toStdString();
    session_->openInput(input);
    session_->setStage(stage);
    session_->setAnalysis(kindOf(model_->item(row.row(), 3)->text()));
}

}  // namespace filterscope
