#include "RunStatusWidget.h"

#include "session/ProbeSession.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace filterscope {

RunStatusWidget::RunStatusWidget(ProbeSession* session, QWidget* parent)
    : QWidget(parent),
      label_(new QLabel(this)),
      bar_(new QProgressBar(this)),
      cancel_(new QToolButton(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    bar_->setMaximumWidth(160);
    bar_->setTextVisible(false);
    label_->setMinimumWidth(200);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the running job (Esc)"));
    setVisible(false);
    connect(cancel_, &QToolButton::clicked, session, &ProbeSession::cancel);
    connect(session, &ProbeSession::busyChanged, this, &QWidget::setVisible);
    connect(session, &ProbeSession::progressChanged, this,
            [this](int done, int total, const QString& message) {
                bar_->setRange(0, std::max(total, 1));
                bar_->setValue(done);
                label_->setText(QFontMetrics(label_->font()).elidedText(message, Qt::ElideMiddle, 320));
            });
}

}  // namespace filterscope
