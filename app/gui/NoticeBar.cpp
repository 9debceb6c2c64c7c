#include "NoticeBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace filterscope {

NoticeBar::NoticeBar(QWidget* parent)
    : QFrame(parent), label_(new QLabel(this)), action_(new QPushButton(this)) {
    setObjectName(QStringLiteral("noticeBar"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(
        QStringLiteral("#noticeBar { background: #fff4ce; border: 1px solid #e0c060; }"
                       "#noticeBar QLabel { color: #3a3000; }"));
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close this notice"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(label_, 1);
    layout->addWidget(action_, 0, Qt::AlignTop);
    action_->hide();
    action_->setToolTip(tr("Act on this notice"));
    connect(action_, &QPushButton::clicked, this, [this] {
        hide();
        if (run_)
            run_();
    });
    layout->addWidget(close, 0, Qt::AlignTop);
    hide();
}

void NoticeBar::showNotice(const QString& text, const QString& actionText, std::function<void()> action) {
    run_ = std::move(action);
    action_->setText(actionText);
    action_->setToolTip(actionText);
    action_->setVisible(!actionText.isEmpty());
    label_->setText(text);
    label_->setToolTip(text);
    show();
}

QString NoticeBar::text() const {
    return isVisible() ? label_->text() : QString();
}

}  // namespace filterscope
