#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace filterscope {

class BackgroundTasks;

// Status-bar corner for the background tasks: what runs (the model lane's task first), how far it got,
// how many wait ("+3 waiting"; every task, running and waiting, in the tooltip), and a Cancel button that
// stops them all. A step that reports nothing for a while (a slow or hung forward pass: it cannot be
// interrupted) is said to be still running, with its time; after Cancel, the label says what the cancel
// waits for.
class RunStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit RunStatusWidget(BackgroundTasks* tasks, QWidget* parent = nullptr);
    QToolButton* cancelButton() const { return cancel_; }
    QString text() const { return text_; }  // the full label text (the label may elide it)
    QString queueText() const;              // "+N waiting", or empty
    QString taskList() const;               // every task, running and waiting (the tooltip)
    // How long a step may stay silent before "still running" is shown (tests shorten it).
    void setStillRunningAfter(int ms) { stillRunningAfterMs_ = ms; }

private:
    void onTasksChanged();
    void refreshLabel();

    BackgroundTasks* tasks_;
    QLabel* label_;
    QLabel* queue_;
    QProgressBar* bar_;
    QToolButton* cancel_;
    QTimer ticker_;
    QElapsedTimer sinceStep_;
    QString message_;
    QString text_;
    bool cancelling_ = false;
    int stillRunningAfterMs_ = 5000;
};

}  // namespace filterscope
