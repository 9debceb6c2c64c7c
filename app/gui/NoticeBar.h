#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace filterscope {

// A non-modal notice above the central view ("folder: 6 opened, 2 unreadable, 4 skipped: …"): it says
// what happened once, stays until closed or replaced, and never takes focus from the work.
class NoticeBar : public QFrame {
    Q_OBJECT
public:
    explicit NoticeBar(QWidget* parent = nullptr);
    // With `actionText`, a button beside the text runs `action` and closes the notice.
    void showNotice(const QString& text, const QString& actionText = QString(),
                    std::function<void()> action = {});
    QString text() const;
    QPushButton* actionButton() const { return action_; }

private:
    QLabel* label_;
    QPushButton* action_;
    std::function<void()> run_;
};

}  // namespace filterscope
