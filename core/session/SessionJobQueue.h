#pragma once

#include "contract/DevicePreference.h"
#include "plugin/ModelPlugin.h"
#include "session/ProbeResult.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <deque>
#include <memory>

namespace filterscope {

class SessionJobSink;

// The workbench's background work: loading plugins and running inputs, one job at a time on a worker
// thread, in the order asked, with progress and cancel. Outcomes arrive on the owner's thread through
// finished(); the queue knows nothing of what the session does with them.
class SessionJobQueue : public QObject {
    Q_OBJECT
public:
    struct Job {
        enum class Kind { LoadPlugin, Run, Faithfulness } kind;
        int slot;
        QString path;
        std::shared_ptr<const ModelPlugin> plugin;  // for Run and Faithfulness
        QString variant;                            // for LoadPlugin
        // Faithfulness: the map to rank (a copy: the result may leave the cache meanwhile), its names, class.
        std::shared_ptr<const FloatArray> map;
        std::string stage, mapName;
        int cls = -1;
        std::string resultKey;  // what the owner files the outcome under
    };
    struct Outcome {
        std::shared_ptr<const ModelPlugin> plugin;
        std::shared_ptr<const ProbeResult> result;
        std::shared_ptr<const FaithfulnessCurves> curves;
        QString error;
        bool cancelled = false;
    };

    explicit SessionJobQueue(QObject* parent = nullptr);
    ~SessionJobQueue() override;  // cancels and waits for the worker

    void setDevice(DevicePreference device) { device_ = device; }
    void setHalfAttention(bool half) { halfAttention_ = half; }
    bool halfAttention() const { return halfAttention_; }
    void enqueue(Job job);
    void cancel();  // drops the waiting jobs and asks the running one to stop at its next step
    bool isBusy() const { return running_; }

Q_SIGNALS:
    // Jobs enqueued from a slot connected here run after this one, in order.
    void finished(const SessionJobQueue::Job& job, const SessionJobQueue::Outcome& outcome);
    void busyChanged(bool busy);
    void progressChanged(int done, int total, const QString& message);

private:
    void startNext();
    void onFinished();

    DevicePreference device_ = DevicePreference::Auto;
    bool halfAttention_ = false;
    std::deque<Job> queue_;
    Job current_{};
    bool running_ = false;
    std::shared_ptr<SessionJobSink> sink_;
    QThreadPool pool_;
    QFutureWatcher<Outcome> watcher_;
};

}  // namespace filterscope
