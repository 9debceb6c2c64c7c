#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace filterscope {

class ProbeSession;

// Status-bar corner for background work: what runs, a progress bar and a Cancel button. A step that
// reports nothing for a while (a slow or hung forward pass: it cannot be interrupted) is said to be
// still running, with its time; after Cancel, the label says what the cancel waits for.
class RunStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit RunStatusWidget(ProbeSession* session, QWidget* parent = nullptr);
    QToolButton* cancelButton() const { return cancel_; }
    QString text() const { return text_; }  // the full label text (the label may elide it)
    // How long a step may stay silent before "still running" is shown (tests shorten it).
    void setStillRunningAfter(int ms) { stillRunningAfterMs_ = ms; }

private:
    void showProgress(int done, int total, const QString& message);
    void refreshLabel();

    QLabel* label_;
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
