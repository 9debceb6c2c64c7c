#include "RunStatusWidget.h"

#include "tasks/BackgroundTasks.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace filterscope {

RunStatusWidget::RunStatusWidget(BackgroundTasks* tasks, QWidget* parent)
    : QWidget(parent),
      tasks_(tasks),
      label_(new QLabel(this)),
      queue_(new QLabel(this)),
      bar_(new QProgressBar(this)),
      cancel_(new QToolButton(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(queue_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    bar_->setMaximumWidth(160);
    bar_->setTextVisible(false);
    // Wide enough for a step and its time; longer text is elided, whole in the tooltip.
    label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(
        QStringLiteral("Cancelling — “running demo-vit-llama” has not returned (12.3 s)")));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(
        tr("Stop every background task: the waiting ones at once, the running one at its next "
           "step (Esc)"));
    setVisible(false);
    ticker_.setInterval(1000);
    connect(&ticker_, &QTimer::timeout, this, &RunStatusWidget::refreshLabel);
    connect(cancel_, &QToolButton::clicked, tasks_, &BackgroundTasks::cancelAll);
    connect(tasks_, &BackgroundTasks::cancelRequested, this, [this] {  // the button, Esc or the menu
        cancelling_ = true;
        refreshLabel();
    });
    connect(tasks_, &BackgroundTasks::busyChanged, this, [this](bool busy) {
        setVisible(busy);
        cancelling_ = false;
        if (busy) {
            sinceStep_.start();
            ticker_.start();
        } else {
            ticker_.stop();
        }
    });
    connect(tasks_, &BackgroundTasks::tasksChanged, this, &RunStatusWidget::onTasksChanged);
}

QString RunStatusWidget::queueText() const {
    return queue_->text();
}

QString RunStatusWidget::taskList() const {
    return queue_->toolTip();
}

void RunStatusWidget::onTasksChanged() {
    const std::vector<TaskInfo> tasks = tasks_->tasks();
    const TaskInfo* shown = nullptr;  // the first running task: the model lane's when it has one
    int waiting = 0;
    QString list;
    for (const TaskInfo& t : tasks) {
        if (t.running && !shown)
            shown = &t;
        waiting += t.running ? 0 : 1;
        const QString lane = t.lane == TaskLane::Model ? tr("model") : tr("files");
        const QString title = QString::fromStdString(t.title);
        list += (t.running ? tr("▶ %1 (%2): %3").arg(title, lane, QString::fromStdString(t.message))
                           : tr("… %1 (%2)").arg(title, lane)) +
                QLatin1Char('\n');
    }
    queue_->setText(waiting > 0 ? tr("+%1 waiting").arg(waiting) : QString());
    queue_->setToolTip(list.trimmed());
    if (shown) {
        bar_->setRange(0, std::max(shown->total, 1));
        bar_->setValue(shown->done);
        const QString message = QString::fromStdString(shown->message);
        if (message != message_)
            sinceStep_.start();
        message_ = message;
    }
    refreshLabel();
}

void RunStatusWidget::refreshLabel() {
    const qint64 silentMs = sinceStep_.isValid() ? sinceStep_.elapsed() : 0;
    const QString seconds = QString::number(silentMs / 1000.0, 'f', silentMs < 10000 ? 1 : 0);
    const bool silent = silentMs >= stillRunningAfterMs_;
    QString why;
    if (cancelling_) {
        text_ = silent ? tr("Cancelling — “%1” has not returned (%2 s)").arg(message_, seconds)
                       : tr("Cancelling…");
        why =
            tr("A model's forward pass cannot be interrupted: the job stops as soon as it returns. "
               "Quitting ends it.");
    } else {
        text_ = silent && isVisible() ? tr("%1 — still running (%2 s)").arg(message_, seconds) : message_;
    }
    label_->setText(QFontMetrics(label_->font()).elidedText(text_, Qt::ElideMiddle, label_->width()));
    label_->setToolTip(why.isEmpty() ? text_ : text_ + QStringLiteral("\n") + why);
}

}  // namespace filterscope
