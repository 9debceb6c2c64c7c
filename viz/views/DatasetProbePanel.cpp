#include "views/DatasetProbePanel.h"

#include "charts/ProbeStageChart.h"
#include "figure/ProbeReport.h"
#include "labels/LocalizedNames.h"
#include "labels/MapKindText.h"
#include "labels/ProbeMetricText.h"
#include "metrics/InputScores.h"
#include "probe/DatasetProbe.h"
#include "probe/DatasetProbeTasks.h"
#include "session/Workbench.h"
#include "views/ProbeFormInputs.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace filterscope {
namespace {

QPushButton* browseButton(QWidget* parent, QLineEdit* target, const QString& caption, bool csvFile = false) {
    auto* b = new QPushButton(QObject::tr("Browse…"), parent);
    b->setToolTip(caption);
    QObject::connect(b, &QPushButton::clicked, parent, [parent, target, caption, csvFile] {
        const QString dir = csvFile ? QFileDialog::getOpenFileName(parent, caption, target->text(),
                                                                   QObject::tr("CSV (*.csv)"))
                                    : QFileDialog::getExistingDirectory(parent, caption, target->text());
        if (!dir.isEmpty())
            target->setText(dir);
    });
    return b;
}

}  // namespace

DatasetProbePanel::DatasetProbePanel(Workbench* workbench, QWidget* parent)
    : QWidget(parent),
      workbench_(workbench),
      tasks_(new DatasetProbeTasks(workbench->tasks(), this)),
      inputs_(new QLineEdit(this)),
      masks_(new QLineEdit(this)),
      labels_(new QLineEdit(this)),
      outputEdit_(new QLineEdit(this)),
      runButton_(new QPushButton(tr("Run probe"), this)),
      cancelButton_(new QPushButton(tr("Cancel"), this)),
      reportButton_(new QPushButton(tr("Open Report"), this)),
      progress_(new QProgressBar(this)),
      metric_(new QComboBox(this)),
      map_(new QComboBox(this)),
      table_(new QTableView(this)),
      model_(new QStandardItemModel(this)),
      sorted_(new QSortFilterProxyModel(this)),
      chart_(new ProbeStageChart(this)),
      status_(new QLabel(this)) {
    inputs_->setPlaceholderText(tr("folder of images"));
    inputs_->setToolTip(
        tr("Every image in this folder is run through the open plugins (A, and B in compare mode)"));
    masks_->setPlaceholderText(tr("mask folder (optional)"));
    masks_->setToolTip(
        tr("Ground-truth masks for the mask metrics (IoU, pointing game, AUROC, mass), named after their "
           "image: x.png or x_mask.png for x.jpg. Without them only the label-free metrics (Gini, entropy, "
           "top-10% mass) are scored"));
    labels_->setPlaceholderText(tr("labels file (optional)"));
    labels_->setToolTip(
        tr("A CSV file with the columns input,label (the class index of the model's logit; input paths "
           "relative to the file's folder), as make_shapes.py writes. Adds per input whether the top-1 "
           "prediction is the label and the label's probability, the accuracy with its 95% interval, and "
           "makes the label the target class of relevance and faithfulness"));
    outputEdit_->setPlaceholderText(tr("output folder (empty: the default)"));
    outputEdit_->setToolTip(
        tr("Where the tables, report.html and its figures are written (empty: a folder of its own for these "
           "models, inputs and masks); the same folder again resumes"));
    runButton_->setToolTip(tr("Score every image of the folder with the open plugins, in the background"));
    cancelButton_->setToolTip(tr("Stop the probe; finished items are kept and a rerun resumes"));
    reportButton_->setToolTip(tr("Open the report of the last probe in the browser"));
    metric_->setToolTip(tr("The metric the chart shows per stage, with its 95% interval"));
    map_->setToolTip(tr("The map kind the chart and table show"));
    // Sized to a short name, not the longest ("Top-|mask| tokens inside the mask"): the dock is ~460 px wide
    // at 1280x800 and the popup still lists every name whole.
    for (QComboBox* combo : {metric_, map_}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    metric_->setObjectName(QStringLiteral("probeMetric"));
    map_->setObjectName(QStringLiteral("probeMap"));
    cancelButton_->setEnabled(false);
    reportButton_->setEnabled(false);
    // best_t is the threshold miou_best was found at, not a score of the map.
    for (const std::vector<std::string>* names : {&maskMetricNames(), &labelFreeMetricNames()})
        for (const std::string& m : *names)
            if (m != "best_t")
                metric_->addItem(probeMetricText(m), QString::fromStdString(m));
    for (const char* m : {"correct", "p_label"})  // with a labels file; their map is "label"
        metric_->addItem(probeMetricText(m), QString::fromLatin1(m));
    for (const std::string& m : probeMapNames()) {
        MapKind kind = MapKind::Norm;
        map_->addItem(mapKindNamed(m, kind) ? mapKindText(kind) : QString::fromStdString(m),
                      QString::fromStdString(m));
    }
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
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Inputs"), this), 0, 0);
    grid->addWidget(inputs_, 0, 1);
    grid->addWidget(browseButton(this, inputs_, tr("Input folder")), 0, 2);
    grid->addWidget(new QLabel(tr("Masks"), this), 1, 0);
    grid->addWidget(masks_, 1, 1);
    grid->addWidget(browseButton(this, masks_, tr("Mask folder")), 1, 2);
    grid->addWidget(new QLabel(tr("Labels"), this), 2, 0);
    grid->addWidget(labels_, 2, 1);
    grid->addWidget(browseButton(this, labels_, tr("Labels file"), true), 2, 2);
    grid->addWidget(new QLabel(tr("Output"), this), 3, 0);
    grid->addWidget(outputEdit_, 3, 1);
    grid->addWidget(browseButton(this, outputEdit_, tr("Output folder")), 3, 2);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(runButton_);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(progress_, 1);
    buttons->addWidget(reportButton_);
    auto* pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Metric"), this));
    pick->addWidget(metric_, 2);
    pick->addWidget(new QLabel(tr("Map"), this));
    pick->addWidget(map_, 1);
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

    connect(runButton_, &QPushButton::clicked, this, &DatasetProbePanel::run);
    connect(cancelButton_, &QPushButton::clicked, this, &DatasetProbePanel::cancel);
    connect(reportButton_, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(reportPath())); });
    connect(metric_, &QComboBox::currentIndexChanged, this, &DatasetProbePanel::refresh);
    connect(map_, &QComboBox::currentIndexChanged, this, &DatasetProbePanel::refresh);
    connect(table_, &QTableView::clicked, this, &DatasetProbePanel::openRow);
    connect(tasks_, &DatasetProbeTasks::progressChanged, this, [this](int done, int total) {
        progress_->setMaximum(std::max(1, total));
        progress_->setValue(done);
    });
    connect(tasks_, &DatasetProbeTasks::finished, this, &DatasetProbePanel::onFinished);
    status_->setText(
        tr("Scores the open plugins' maps against ground-truth masks, and their predictions against labels, "
           "over a folder (filterscope-cli probe does the same from the command line)."));
}

DatasetProbePanel::~DatasetProbePanel() = default;

void DatasetProbePanel::setFolders(const QString& inputs, const QString& masks, const QString& labels) {
    inputs_->setText(inputs);
    masks_->setText(masks);
    labels_->setText(labels);
}

void DatasetProbePanel::setOutputFolder(const QString& folder) {
    outputEdit_->setText(folder);
}

bool DatasetProbePanel::isRunning() const {
    return tasks_->isRunning() || showing_;
}

QString DatasetProbePanel::reportPath() const {
    return reportWritten_ ? QDir(output_).filePath(QStringLiteral("report.html")) : QString();
}

int DatasetProbePanel::rowCount() const {
    return model_->rowCount();
}

QString DatasetProbePanel::status() const {
    return status_->text();
}

void DatasetProbePanel::selectMetric(const QString& metric, const QString& map) {
    metric_->setCurrentIndex(metric_->findData(metric));
    map_->setCurrentIndex(map_->findData(map));
}

// One folder per (models, inputs, masks): running the same probe again resumes it.
QString DatasetProbePanel::defaultOutputFolder(const QStringList& modelIdentities) const {
    QCryptographicHash key(QCryptographicHash::Sha1);
    for (const QString& m : modelIdentities)
        key.addData((m + QLatin1Char('\n')).toUtf8());
    key.addData((QDir(inputs_->text()).absolutePath() + QLatin1Char('\n') + masks_->text()).toUtf8());
    if (!labels_->text().isEmpty())  // unchanged for probes without labels: their folders still resume
        key.addData((QLatin1Char('\n') + QFileInfo(labels_->text()).absoluteFilePath()).toUtf8());
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/probe/") +
           QString::fromLatin1(key.result().toHex().left(12));
}

void DatasetProbePanel::run() {
    if (isRunning())
        return;
    std::vector<BatchModel> models;
    QStringList identities;
    for (int slot = 0; slot < Workbench::kSlots; ++slot) {
        const auto plugin = workbench_->document().plugin(slot);
        if (!plugin || plugin->manifest().modality != Modality::Image)
            continue;
        const bool twice = std::any_of(models.begin(), models.end(),
                                       [&](const BatchModel& m) { return m.name == plugin->id(); });
        if (!twice) {
            models.push_back({plugin, plugin->id()});
            identities << QString::fromStdString(plugin->identity());
        }
    }
    const QString inputs = inputs_->text(), masks = masks_->text();
    if (models.empty()) {
        status_->setText(tr("Open an image plugin first (File > Open Plugin)."));
        return;
    }
    DatasetProbeOptions options;
    if (const QString error = readProbeFormInputs({inputs, masks, labels_->text()}, options);
        !error.isEmpty()) {
        status_->setText(error);
        return;
    }
    output_ = outputEdit_->text().isEmpty() ? defaultOutputFolder(identities) : outputEdit_->text();
    options.outputDirectory = output_.toStdString();
    std::shared_ptr<DatasetProbe> probe;
    try {
        probe = std::make_shared<DatasetProbe>(models, options);
    } catch (const std::exception& e) {
        status_->setText(QString::fromUtf8(e.what()));
        return;
    }
    ProbeProvenance provenance;
    provenance.commandLine =
        "Filterscope window, Probe dock: inputs " + inputs.toStdString() + ", masks " +
        (masks.isEmpty() ? std::string("none") : masks.toStdString()) + ", labels " +
        (labels_->text().isEmpty() ? std::string("none") : labels_->text().toStdString());
    reportWritten_ = false;
    reportButton_->setEnabled(false);
    progress_->setValue(0);
    runButton_->setEnabled(false);
    cancelButton_->setEnabled(true);
    status_->setText(tr("Running %1 models over %2 inputs…").arg(models.size()).arg(options.inputs.size()));
    tasks_->start(probe, [provenance](const DatasetProbe& p) { writeDatasetProbeReport(p, provenance); });
}

void DatasetProbePanel::cancel() {
    tasks_->cancel();
}

void DatasetProbePanel::onFinished(const DatasetProbeReport& r, bool reportWritten, const QString& error) {
    reportWritten_ = reportWritten;
    QString text = tr("%1 items computed, %2 already done, %3 failed%4")
                       .arg(r.done)
                       .arg(r.skipped)
                       .arg(r.failed)
                       .arg(r.cancelled ? tr(", cancelled: Run again to finish") : QString());
    if (!r.stoppedBecause.empty())
        text += QStringLiteral("\n") + QString::fromStdString(r.stoppedBecause);
    else if (!r.errors.empty())
        text += QStringLiteral("\n") + QString::fromStdString(r.errors.front());
    if (!error.isEmpty())
        text += QStringLiteral("\n") + error;
    text +=
        reportWritten ? tr("\nReport, tables and figures: %1").arg(output_) : tr("\nTables: %1").arg(output_);
    showTables(text);
}

// The tables are read on the files lane: a probe of many thousand items takes a while to read back.
void DatasetProbePanel::showTables(const QString& text) {
    showing_ = true;
    auto rows = std::make_shared<std::vector<ProbeRow>>();
    auto summary = std::make_shared<std::vector<SummaryRow>>();
    const std::string out = output_.toStdString();
    TaskSpec spec;
    spec.title = "probe: reading the tables";
    spec.lane = TaskLane::Files;
    spec.run = [rows, summary, out](ProgressSink&) {
        *rows = readAllItems(out);
        *summary = readSummary(out);
    };
    QPointer<DatasetProbePanel> self(this);  // the window may close while the tables are read
    spec.finished = [self, rows, summary, text](const TaskOutcome& outcome) {
        if (self)
            self->showReadTables(std::move(*rows), std::move(*summary), text, outcome);
    };
    workbench_->tasks().submit(std::move(spec));
}

void DatasetProbePanel::showReadTables(std::vector<ProbeRow> rows, std::vector<SummaryRow> summary,
                                       const QString& text, const TaskOutcome& outcome) {
    rows_ = std::move(rows);
    summary_ = std::move(summary);
    QString shown = text;
    for (const SummaryRow& s : summary_)  // the headline of a labelled probe, as the CLI prints it
        if (s.metric == "correct" && s.stage == "output")
            shown += tr("\nAccuracy of %1: %2% (95% interval %3–%4%, %5 inputs)")
                         .arg(QString::fromStdString(s.model))
                         .arg(100 * s.mean, 0, 'f', 1)
                         .arg(100 * s.low, 0, 'f', 1)
                         .arg(100 * s.high, 0, 'f', 1)
                         .arg(s.n);
    status_->setText(
        outcome.error.empty() ? shown : shown + QStringLiteral("\n") + QString::fromStdString(outcome.error));
    showing_ = false;
    runButton_->setEnabled(true);
    cancelButton_->setEnabled(false);
    reportButton_->setEnabled(reportWritten_);
    refresh();
    Q_EMIT finished();
}

// Stage id → its label in the open plugins (A's first: both name a shared stage alike).
std::map<std::string, QString> DatasetProbePanel::stageLabels() const {
    std::map<std::string, QString> labels;
    for (int slot = 0; slot < Workbench::kSlots; ++slot)
        if (const auto plugin = workbench_->document().plugin(slot))
            for (const StageLabel& stage : plugin->manifest().stages)
                labels.emplace(stage.name, stageLabelText(plugin->manifest(), stage.name));
    return labels;
}

// The table and chart show names (item text); the ids stay in Qt::UserRole, which sorts and opens rows.
void DatasetProbePanel::refresh() {
    const std::string metric = metric_->currentData().toString().toStdString();
    // The prediction's rows have one map of their own ("label", at stage "output").
    const bool ofLabels = metric == "correct" || metric == "p_label";
    const std::string map = ofLabels ? std::string("label") : map_->currentData().toString().toStdString();
    map_->setEnabled(!ofLabels);
    const std::map<std::string, QString> labels = stageLabels();
    model_->clear();
    model_->setHorizontalHeaderLabels(
        {tr("input"), tr("model"), tr("stage"), tr("map"), metric_->currentText()});
    for (const ProbeRow& r : rows_) {
        if (r.metric != metric || r.map != map)
            continue;
        QList<QStandardItem*> items;
        for (const std::string& id :
             {QFileInfo(QString::fromStdString(r.input)).fileName().toStdString(), r.model, r.stage, r.map}) {
            auto* item = new QStandardItem(QString::fromStdString(id));
            item->setData(QString::fromStdString(id), Qt::UserRole);
            items << item;
        }
        if (const auto label = labels.find(r.stage); label != labels.end())
            items[2]->setText(label->second);
        items[0]->setData(QString::fromStdString(r.input), Qt::UserRole + 1);
        items[0]->setToolTip(QString::fromStdString(r.input));
        auto* value = new QStandardItem(std::isnan(r.value) ? QString() : QString::number(r.value, 'g', 6));
        value->setData(std::isnan(r.value) ? -INFINITY : r.value, Qt::UserRole);
        items << value;
        model_->appendRow(items);
    }
    table_->setColumnHidden(3, true);  // the map is the one chosen above
    table_->resizeColumnsToContents();
    chart_->show(summary_, metric, map, labels);
}

void DatasetProbePanel::openRow(const QModelIndex& index) {
    const QModelIndex row = sorted_->mapToSource(index);
    const QString input = model_->item(row.row(), 0)->data(Qt::UserRole + 1).toString();
    MapKind kind = MapKind::Norm;
    mapKindNamed(model_->item(row.row(), 3)->data(Qt::UserRole).toString().toStdString(), kind);
    workbench_->scheduler().openInput(input);
    if (model_->item(row.row(), 3)->data(Qt::UserRole).toString() == QLatin1String("label"))
        return;  // a prediction row: the input opens at the stage and map already shown
    workbench_->selection().setStage(model_->item(row.row(), 2)->data(Qt::UserRole).toString().toStdString());
    workbench_->selection().setAnalysis(kind);
}

}  // namespace filterscope
