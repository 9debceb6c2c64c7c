#include "session/SessionJobQueue.h"

#include "input/InputPreparation.h"
#include "pipeline/LayerAnalyses.h"
#include "session/ProbeRunner.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace filterscope {

// Bridges the worker's progress to the queue's thread; cancellation is a flag the worker polls.
class SessionJobSink final : public ProgressSink {
public:
    explicit SessionJobSink(SessionJobQueue* queue) : queue_(queue) {}
    void report(int done, int total, const std::string& message) override {
        const QString text = QString::fromStdString(message);
        QPointer<SessionJobQueue> q = queue_;
        QMetaObject::invokeMethod(
            queue_,
            [q, done, total, text] {
                if (q)
                    Q_EMIT q->progressChanged(done, total, text);
            },
            Qt::QueuedConnection);
    }
    bool isCancelRequested() const override { return cancelled_.load(); }
    void cancel() { cancelled_.store(true); }

private:
    SessionJobQueue* queue_;
    std::atomic<bool> cancelled_{false};
};

SessionJobQueue::SessionJobQueue(QObject* parent) : QObject(parent) {
    pool_.setMaxThreadCount(1);  // one job at a time: results arrive in the order asked
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &SessionJobQueue::onFinished);
}

SessionJobQueue::~SessionJobQueue() {
    queue_.clear();
    if (sink_)
        sink_->cancel();
    watcher_.disconnect(this);
    pool_.waitForDone();
}

void SessionJobQueue::enqueue(Job job) {
    queue_.push_back(std::move(job));
    if (!running_)
        startNext();
}

void SessionJobQueue::cancel() {
    queue_.clear();
    if (sink_)
        sink_->cancel();
}

void SessionJobQueue::startNext() {
    if (queue_.empty()) {
        if (running_) {
            running_ = false;
            Q_EMIT busyChanged(false);
        }
        return;
    }
    current_ = queue_.front();
    queue_.pop_front();
    if (!running_) {
        running_ = true;
        Q_EMIT busyChanged(true);
    }
    sink_ = std::make_shared<SessionJobSink>(this);
    const Job job = current_;
    const DevicePreference device = device_;
    const bool half = halfAttention_;
    std::shared_ptr<SessionJobSink> sink = sink_;
    watcher_.setFuture(QtConcurrent::run(&pool_, [job, device, half, sink]() -> Outcome {
        Outcome out;
        try {
            if (job.kind == Job::Kind::LoadPlugin) {
                sink->report(0, 1, "loading plugin " + job.path.toStdString());
                out.plugin = ModelPlugin::load(job.path.toStdString(), device, job.variant.toStdString());
            } else if (job.kind == Job::Kind::Faithfulness) {
                sink->report(0, 1, "insertion/deletion curves of " + job.mapName + " at " + job.stage);
                const PreparedInput in = prepareInput(job.path.toStdString(), job.plugin->manifest());
                auto curves = std::make_shared<FaithfulnessCurves>(
                    computeFaithfulness(*job.plugin, in.tensor, *job.map, job.cls, job.path.toStdString()));
                curves->stage = job.stage;
                curves->map = job.mapName;
                out.curves = curves;
            } else {
                out.result =
                    std::make_shared<ProbeResult>(runProbe(*job.plugin, job.path.toStdString(), *sink, half));
            }
        } catch (const CancelledError&) {
            out.cancelled = true;
        } catch (const std::bad_alloc&) {
            out.error = job.path + QStringLiteral(": not enough memory");
        } catch (const std::exception& e) {
            out.error = QString::fromUtf8(e.what());
            if (!out.error.contains(job.path))  // every message names what it is about
                out.error = job.path + QStringLiteral(": ") + out.error;
        }
        return out;
    }));
}

void SessionJobQueue::onFinished() {
    const Outcome out = watcher_.result();
    const Job job = current_;
    sink_.reset();
    if (out.cancelled)
        Q_EMIT progressChanged(0, 0, QStringLiteral("cancelled"));
    Q_EMIT finished(job, out);  // still running_: what this enqueues waits for startNext
    startNext();
}

}  // namespace filterscope
