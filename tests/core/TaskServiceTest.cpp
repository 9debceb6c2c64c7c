// The task service every long piece of work runs on: priorities within a lane, lanes side by side,
// cancelling waiting and running tasks (one, a group, all), errors as outcomes, memory held, the status
// snapshot, shutdown that cancels and waits; and the Qt adapter's busy state, which ends only after the
// last outcome was delivered.
#include "TestMain.h"
#include "common/ProgressSink.h"
#include "tasks/BackgroundTasks.h"
#include "tasks/TaskService.h"

#include <QSignalSpy>
#include <QtTest>

#include <condition_variable>
#include <mutex>
#include <new>
#include <stdexcept>

using namespace filterscope;

namespace {

// Callbacks queued by the workers, run when the test says (the owner's thread).
class QueueDispatcher final : public TaskDispatcher {
public:
    void post(std::function<void()> callback) override {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(callback));
    }
    void runPending() {
        std::vector<std::function<void()>> now;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            now.swap(queue_);
        }
        for (auto& f : now)
            f();
    }

private:
    std::mutex mutex_;
    std::vector<std::function<void()>> queue_;
};

// A door a task waits at until the test opens it.
class Gate {
public:
    void open() {
        std::lock_guard<std::mutex> lock(mutex_);
        open_ = true;
        cv_.notify_all();
    }
    void wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [this] { return open_; });
    }
    void arrive() {
        std::lock_guard<std::mutex> lock(mutex_);
        arrived_ = true;
        cv_.notify_all();
    }
    void waitForArrival() {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [this] { return arrived_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool open_ = false, arrived_ = false;
};

TaskSpec task(const std::string& title, TaskPriority priority, std::function<void(ProgressSink&)> run,
              std::vector<std::string>* log = nullptr, std::vector<TaskOutcome>* outcomes = nullptr) {
    TaskSpec s;
    s.title = title;
    s.priority = priority;
    s.run = [run, log, title](ProgressSink& sink) {
        run(sink);
        if (log)
            log->push_back(title);  // the model lane runs one task at a time: no race on `log`
    };
    s.finished = [outcomes](const TaskOutcome& o) {
        if (outcomes)
            outcomes->push_back(o);
    };
    return s;
}

bool waitFor(const std::function<bool()>& done, QueueDispatcher& d) {
    return QTest::qWaitFor(
        [&] {
            d.runPending();
            return done();
        },
        20000);
}

}  // namespace

class TaskServiceTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void higherPriorityStartsFirstInOrderSubmitted() {
        QueueDispatcher d;
        std::vector<std::string> log;
        std::vector<TaskOutcome> outcomes;
        {
            TaskService service(d);
            Gate gate;
            service.submit(task("blocker", TaskPriority::Background, [&](ProgressSink&) {
                gate.arrive();
                gate.wait();
            }));
            gate.waitForArrival();  // the lane is busy: the rest wait and are ordered
            for (auto [title, p] :
                 {std::pair{"thumbnail 1", TaskPriority::Background},
                  std::pair{"export", TaskPriority::Asked}, std::pair{"shown input", TaskPriority::Shown},
                  std::pair{"thumbnail 2", TaskPriority::Background},
                  std::pair{"another input", TaskPriority::Shown}})
                service.submit(task(
                    title, p, [](ProgressSink&) {}, &log, &outcomes));
            const std::vector<TaskInfo> waiting = service.snapshot();
            QCOMPARE(waiting.size(), size_t(6));
            QVERIFY(waiting[0].running && waiting[0].title == "blocker");
            QCOMPARE(QString::fromStdString(waiting[1].title), QStringLiteral("shown input"));
            QCOMPARE(QString::fromStdString(waiting[2].title), QStringLiteral("another input"));
            QCOMPARE(QString::fromStdString(waiting[3].title), QStringLiteral("export"));
            QCOMPARE(QString::fromStdString(waiting[5].title), QStringLiteral("thumbnail 2"));
            gate.open();
            QVERIFY(waitFor([&] { return outcomes.size() == 5; }, d));
            QVERIFY(service.isIdle());
        }
        QCOMPARE(log, (std::vector<std::string>{"shown input", "another input", "export", "thumbnail 1",
                                                "thumbnail 2"}));
        for (const TaskOutcome& o : outcomes)
            QVERIFY(o.ok());
    }

    void lanesRunSideBySide() {
        QueueDispatcher d;
        TaskService service(d);
        Gate model;
        bool filesRan = false;
        service.submit(task("forward pass", TaskPriority::Shown, [&](ProgressSink&) { model.wait(); }));
        TaskSpec files =
            task("thumbnails", TaskPriority::Background, [&](ProgressSink&) { filesRan = true; });
        files.lane = TaskLane::Files;
        std::vector<TaskOutcome> outcomes;
        files.finished = [&](const TaskOutcome& o) { outcomes.push_back(o); };
        service.submit(std::move(files));
        QVERIFY(waitFor([&] { return outcomes.size() == 1; }, d));  // while the model lane is held
        QVERIFY(filesRan);
        model.open();
    }

    void cancelDropsWaitingAndAsksTheRunningToStop() {
        QueueDispatcher d;
        TaskService service(d);
        Gate started;
        std::vector<TaskOutcome> outcomes;
        bool waitingRan = false;
        const TaskId running = service.submit(task(
            "probe item", TaskPriority::Background,
            [&](ProgressSink& sink) {
                started.arrive();
                while (!sink.isCancelRequested())
                    std::this_thread::yield();
                throw CancelledError();
            },
            nullptr, &outcomes));
        started.waitForArrival();
        const TaskId waiting = service.submit(task(
            "next item", TaskPriority::Background, [&](ProgressSink&) { waitingRan = true; }, nullptr,
            &outcomes));
        service.cancel(waiting);
        d.runPending();
        QCOMPARE(outcomes.size(), size_t(1));  // dropped at once, told as cancelled
        QCOMPARE(outcomes[0].id, waiting);
        QVERIFY(outcomes[0].cancelled);
        QVERIFY(service.snapshot().size() == 1 && service.snapshot()[0].id == running);
        service.cancel(running);
        QVERIFY(service.snapshot()[0].cancelRequested);
        QVERIFY(waitFor([&] { return outcomes.size() == 2; }, d));
        QCOMPARE(outcomes[1].id, running);
        QVERIFY(outcomes[1].cancelled && outcomes[1].error.empty());
        QVERIFY(!waitingRan);
    }

    void groupCancelSparesOtherWork() {
        QueueDispatcher d;
        TaskService service(d);
        Gate gate;
        std::vector<std::string> log;
        std::vector<TaskOutcome> outcomes;
        service.submit(task("blocker", TaskPriority::Shown, [&](ProgressSink&) { gate.wait(); }));
        for (int i = 0; i < 3; ++i) {
            TaskSpec s = task(
                "probe " + std::to_string(i), TaskPriority::Background, [](ProgressSink&) {}, &log,
                &outcomes);
            s.group = "probe";
            service.submit(std::move(s));
        }
        service.submit(task(
            "input", TaskPriority::Shown, [](ProgressSink&) {}, &log, &outcomes));
        service.cancelGroup("probe");
        gate.open();
        QVERIFY(waitFor([&] { return outcomes.size() == 4; }, d));
        QCOMPARE(log, std::vector<std::string>{"input"});
        int cancelled = 0;
        for (const TaskOutcome& o : outcomes)
            cancelled += o.cancelled;
        QCOMPARE(cancelled, 3);
    }

    void failuresAreOutcomesAndMemoryHeldIsCounted() {
        QueueDispatcher d;
        TaskService service(d);
        std::vector<TaskOutcome> outcomes;
        Gate holding, release;
        service.submit(task(
            "forward", TaskPriority::Asked,
            [&](ProgressSink& sink) {
                sink.holding(123456);
                sink.report(2, 5, "stage 2 of 5");
                holding.arrive();
                release.wait();
                sink.holding(0);
            },
            nullptr, &outcomes));
        holding.waitForArrival();
        QCOMPARE(service.heldBytes(), size_t(123456));
        const TaskInfo info = service.snapshot().front();
        QCOMPARE(info.done, 2);
        QCOMPARE(info.total, 5);
        QCOMPARE(QString::fromStdString(info.message), QStringLiteral("stage 2 of 5"));
        release.open();
        service.submit(task(
            "bad", TaskPriority::Asked,
            [](ProgressSink&) { throw std::runtime_error("/data/x.png: cannot decode image"); }, nullptr,
            &outcomes));
        service.submit(task(
            "huge", TaskPriority::Asked, [](ProgressSink&) { throw std::bad_alloc(); }, nullptr, &outcomes));
        QVERIFY(waitFor([&] { return outcomes.size() == 3; }, d));
        QVERIFY(outcomes[0].ok());
        QCOMPARE(QString::fromStdString(outcomes[1].error),
                 QStringLiteral("/data/x.png: cannot decode image"));
        QCOMPARE(QString::fromStdString(outcomes[2].error), QStringLiteral("not enough memory"));
        QCOMPARE(service.heldBytes(), size_t(0));
    }

    void shutdownCancelsAndWaits() {
        QueueDispatcher d;
        bool sawCancel = false, laterRan = false;
        Gate started;
        {
            TaskService service(d);
            service.submit(task("long", TaskPriority::Asked, [&](ProgressSink& sink) {
                started.arrive();
                while (!sink.isCancelRequested())
                    std::this_thread::yield();
                sawCancel = true;
            }));
            service.submit(task("later", TaskPriority::Asked, [&](ProgressSink&) { laterRan = true; }));
            started.waitForArrival();
        }  // returns once the running task has ended
        QVERIFY(sawCancel);
        QVERIFY(!laterRan);
    }

    // The adapter: busy from the first submit until the last outcome has run, even when an outcome
    // submits more (no gap a waiting caller could fall into).
    void busyUntilTheLastOutcomeWasDelivered() {
        BackgroundTasks tasks;
        QSignalSpy busy(&tasks, &BackgroundTasks::busyChanged);
        bool filed = false, followUpFiled = false;
        TaskSpec first;
        first.title = "load";
        first.run = [](ProgressSink&) {};
        first.finished = [&](const TaskOutcome&) {
            filed = true;
            TaskSpec next;
            next.title = "run";
            next.run = [](ProgressSink& sink) { sink.report(1, 2, "running"); };
            next.finished = [&](const TaskOutcome&) { followUpFiled = true; };
            tasks.submit(std::move(next));
        };
        tasks.submit(std::move(first));
        QVERIFY(tasks.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!tasks.isBusy(), 20000);
        QVERIFY(filed && followUpFiled);
        QCOMPARE(busy.count(), 2);  // on once, off once
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QCOMPARE(tasks.outstanding(), 0);
    }
};

FILTERSCOPE_GUILESS_TEST_MAIN(TaskServiceTest)
#include "TaskServiceTest.moc"
