#pragma once

#include "probe/ProbeItems.h"
#include "probe/ProbeTables.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace filterscope {

class ProbeSession;
class ProbePanelSink;

// The dataset probe in the workbench: the open plugins (A, and B in compare mode) over an input folder,
// scored against a mask folder, on a worker thread with progress and Cancel. Results land in a folder
// per (models, inputs, masks) under the application's data folder, so running again resumes. The table
// lists every input's value of one metric and map (sortable); clicking a row opens that input at that
// stage and map; the chart shows the metric per stage per model with its 95% interval.
class ProbePanel : public QWidget {
    Q_OBJECT
public:
    explicit ProbePanel(ProbeSession* session, QWidget* parent = nullptr);
    ~ProbePanel() override;

    void setFolders(const QString& inputs, const QString& masks);
    void run();
    void cancel();
    bool isRunning() const;
    QString outputFolder() const { return output_; }
    QTableView* table() const { return table_; }
    int rowCount() const;
    QString status() const;
    void selectMetric(const QString& metric, const QString& map);

Q_SIGNALS:
    void finished();

private:
    void onFinished();
    void refresh();  // table and chart for the chosen metric and map
    void openRow(const QModelIndex& index);

    ProbeSession* session_;
    QLineEdit* inputs_;
    QLineEdit* masks_;
    QPushButton* runButton_;
    QPushButton* cancelButton_;
    QProgressBar* progress_;
    QComboBox* metric_;
    QComboBox* map_;
    QTableView* table_;
    QStandardItemModel* model_;
    QSortFilterProxyModel* sorted_;
    QChartView* chart_;
    QLabel* status_;
    QString output_;
    bool running_ = false;
    std::vector<ProbeRow> rows_;
    std::vector<SummaryRow> summary_;
    std::shared_ptr<ProbePanelSink> sink_;
    QFutureWatcher<QString> watcher_;
};

}  // namespace filterscope
