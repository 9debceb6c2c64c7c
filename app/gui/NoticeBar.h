#pragma once

#include <QFrame>

class QLabel;

namespace filterscope {

// A non-modal notice above the central view ("folder: 6 opened, 2 unreadable, 4 skipped: …"): it says
// what happened once, stays until closed or replaced, and never takes focus from the work.
class NoticeBar : public QFrame {
    Q_OBJECT
public:
    explicit NoticeBar(QWidget* parent = nullptr);
    void showNotice(const QString& text);
    QString text() const;

private:
    QLabel* label_;
};

}  // namespace filterscope
