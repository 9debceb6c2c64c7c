#pragma once

#include "probe/DatasetProbe.h"
#include "tasks/BackgroundTasks.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <string>

namespace filterscope {

// A dataset probe as background tasks, for a front end with a GUI thread: one task per input on the model
// lane at background priority (so the input on screen runs between them), then a closing task that
// rebuilds the tables from every item on disk and, when every input had its turn, writes the report.
// Cancel drops the waiting inputs and stops the running one after its item; the finished items stay on
// disk, so the same probe started again resumes.
class DatasetProbeTasks : public QObject {
    Q_OBJECT
public:
    // Writes report.html and its figures (the figures library's, which core cannot link).
    using ReportWriter = std::function<void(const DatasetProbe& probe)>;

    explicit DatasetProbeTasks(BackgroundTasks& tasks, QObject* parent = nullptr);
    ~DatasetProbeTasks() override;  // cancels what it submitted

    void start(std::shared_ptr<DatasetProbe> probe, ReportWriter writeReport);
    void cancel();
    bool isRunning() const { return probe_ != nullptr; }
    int inputsFinished() const { return finished_; }
    int inputCount() const { return probe_ ? static_cast<int>(probe_->inputCount()) : 0; }

Q_SIGNALS:
    void progressChanged(int inputsFinished, int inputs);
    // The tables are rebuilt; `report` says what was done; `error` (if any) why the tables or the report
    // could not be written. `reportWritten`: every input had its turn and report.html is there.
    void finished(const DatasetProbeReport& report, bool reportWritten, const QString& error);

private:
    void onInputFinished();
    void close();

    BackgroundTasks& tasks_;
    std::shared_ptr<DatasetProbe> probe_;
    ReportWriter writeReport_;
    std::string group_;
    int finished_ = 0;
    bool ended_ = false;      // cancelled or stopped: the rest need not run
    bool cancelled_ = false;  // an input's task was cancelled (waiting or running)
};

}  // namespace filterscope
