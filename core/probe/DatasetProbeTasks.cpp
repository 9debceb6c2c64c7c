#include "probe/DatasetProbeTasks.h"

#include <QFileInfo>
#include <QPointer>

#include <atomic>

namespace filterscope {
namespace {

std::atomic<int> g_runs{0};

}  // namespace

DatasetProbeTasks::DatasetProbeTasks(BackgroundTasks& tasks, QObject* parent)
    : QObject(parent), tasks_(tasks) {}

DatasetProbeTasks::~DatasetProbeTasks() {
    if (probe_)
        tasks_.cancelGroup(group_);
}

void DatasetProbeTasks::start(std::shared_ptr<DatasetProbe> probe, ReportWriter writeReport) {
    if (probe_)
        return;
    probe_ = std::move(probe);
    writeReport_ = std::move(writeReport);
    group_ = "dataset-probe-" + std::to_string(++g_runs);
    finished_ = 0;
    ended_ = cancelled_ = false;
    const int n = static_cast<int>(probe_->inputCount());
    Q_EMIT progressChanged(0, n);
    if (n == 0) {
        close();
        return;
    }
    for (int i = 0; i < n; ++i) {
        const BatchInput& input = probe_->options().inputs[static_cast<size_t>(i)];
        TaskSpec spec;
        spec.title = "probe: " + QFileInfo(QString::fromStdString(input.path)).fileName().toStdString() +
                     " (" + std::to_string(i + 1) + " of " + std::to_string(n) + ")";
        spec.group = group_;
        spec.priority = TaskPriority::Background;
        auto probe = probe_;
        auto ended = std::make_shared<bool>(false);
        spec.run = [probe, i, ended](ProgressSink& sink) {
            *ended = !probe->runInput(static_cast<size_t>(i), sink);
        };
        // Outcomes come through the task service, which may outlive this object (a window closed while a
        // probe runs): a guard, not `this`.
        QPointer<DatasetProbeTasks> self(this);
        spec.finished = [self, ended](const TaskOutcome& out) {
            if (!self)
                return;
            self->cancelled_ = self->cancelled_ || out.cancelled;
            self->ended_ = self->ended_ || *ended || out.cancelled;
            self->onInputFinished();
        };
        tasks_.submit(std::move(spec));
    }
}

void DatasetProbeTasks::cancel() {
    if (probe_)
        tasks_.cancelGroup(group_);
}

void DatasetProbeTasks::onInputFinished() {
    ++finished_;
    if (ended_ && finished_ < inputCount())
        tasks_.cancelGroup(group_);  // stopped or cancelled: drop the inputs still waiting
    Q_EMIT progressChanged(finished_, inputCount());
    if (finished_ == inputCount())
        close();
}

// The tables always (what is finished is shown); the report when every input had its turn.
void DatasetProbeTasks::close() {
    auto probe = probe_;
    auto report = std::make_shared<DatasetProbeReport>();
    auto written = std::make_shared<bool>(false);
    ReportWriter writeReport = writeReport_;
    const bool cancelled = cancelled_;
    TaskSpec spec;
    spec.title = "probe: tables and report";
    spec.priority = TaskPriority::Background;
    spec.run = [probe, report, written, writeReport, cancelled](ProgressSink& sink) {
        sink.report(0, 1, "probe: rebuilding the tables");
        *report = probe->finish();
        report->cancelled = report->cancelled || cancelled;
        if (!report->cancelled && report->stoppedBecause.empty() && writeReport) {
            sink.report(0, 1, "probe: writing report.html and its figures");
            writeReport(*probe);
            *written = true;
        }
    };
    QPointer<DatasetProbeTasks> self(this);
    spec.finished = [self, report, written](const TaskOutcome& out) {
        if (!self)
            return;
        if (out.cancelled)
            report->cancelled = true;  // cancelled before the tables were rebuilt: they are as they were
        self->probe_.reset();
        self->writeReport_ = nullptr;
        Q_EMIT self->finished(*report, *written, QString::fromStdString(out.error));
    };
    tasks_.submit(std::move(spec));
}

}  // namespace filterscope
