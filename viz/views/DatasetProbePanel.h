#pragma once

#include "probe/ProbeItems.h"
#include "probe/ProbeTables.h"
#include "tasks/TaskSpec.h"

#include <QString>
#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace filterscope {

class DatasetProbeTasks;
class ProbeStageChart;
class Workbench;
struct DatasetProbeReport;

// The dataset probe in the workbench: the open plugins (A, and B in compare mode) over an input folder,
// scored against a mask folder and, given a labels file, against the inputs' classes, as background tasks
// (one per input, shown in the status bar, stopped by Cancel there or here). Results land in an output folder
// the user picks (by default one per models, inputs and masks under the application's data folder), so
// running again resumes; when every input had its turn the folder holds the same report.html and figures
// `filterscope-cli probe` writes. The table lists every input's value of one metric and map (sortable);
// clicking a row opens that input at that stage and map; the chart shows the metric per stage per model with
// its 95% interval.
class DatasetProbePanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetProbePanel(Workbench* workbench, QWidget* parent = nullptr);
    ~DatasetProbePanel() override;

    void setFolders(const QString& inputs, const QString& masks, const QString& labels = QString());
    void setOutputFolder(const QString& folder);  // empty: the default folder for these models and inputs
    void run();
    void cancel();
    bool isRunning() const;  // until the tables are shown, not only until the last item is written
    QString outputFolder() const { return output_; }  // of the last run
    QString reportPath() const;                       // its report.html, or empty when none was written
    QTableView* table() const { return table_; }
    int rowCount() const;
    QString status() const;
    void selectMetric(const QString& metric, const QString& map);

Q_SIGNALS:
    void finished();

private:
    void onFinished(const DatasetProbeReport& report, bool reportWritten, const QString& error);
    void showTables(const QString& text);
    void showReadTables(std::vector<ProbeRow> rows, std::vector<SummaryRow> summary, const QString& text,
                        const TaskOutcome& outcome);
    void refresh();  // table and chart for the chosen metric and map
    std::map<std::string, QString> stageLabels() const;
    void openRow(const QModelIndex& index);
    QString defaultOutputFolder(const QStringList& modelIdentities) const;

    Workbench* workbench_;
    DatasetProbeTasks* tasks_;
    QLineEdit* inputs_;
    QLineEdit* masks_;
    QLineEdit* labels_;
    QLineEdit* outputEdit_;
    QPushButton* runButton_;
    QPushButton* cancelButton_;
    QPushButton* reportButton_;
    QProgressBar* progress_;
    QComboBox* metric_;
    QComboBox* map_;
    QTableView* table_;
    QStandardItemModel* model_;
    QSortFilterProxyModel* sorted_;
    ProbeStageChart* chart_;
    QLabel* status_;
    QString output_;
    bool reportWritten_ = false;
    bool showing_ = false;  // the tables are being read after the probe ended
    std::vector<ProbeRow> rows_;
    std::vector<SummaryRow> summary_;
};

}  // namespace filterscope
