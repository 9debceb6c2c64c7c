#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace filterscope {

class ProbeSession;

// Status-bar corner for background work: what runs, a progress bar and a Cancel button.
class RunStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit RunStatusWidget(ProbeSession* session, QWidget* parent = nullptr);
    QToolButton* cancelButton() const { return cancel_; }

private:
    QLabel* label_;
    QProgressBar* bar_;
    QToolButton* cancel_;
};

}  // namespace filterscope
