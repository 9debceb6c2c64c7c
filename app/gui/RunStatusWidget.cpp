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
    // Wide enough for a step and its time; longer text is elided, whole in the tooltip.
    label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(
        QStringLiteral("Cancelling — “running demo-vit-llama” has not returned (12.3 s)")));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the running job (Esc)"));
    setVisible(false);
    ticker_.setInterval(1000);
    connect(&ticker_, &QTimer::timeout, this, &RunStatusWidget::refreshLabel);
    connect(cancel_, &QToolButton::clicked, session, &ProbeSession::cancel);
    connect(session, &ProbeSession::cancelRequested, this, [this] {  // the button, Esc or the menu
        cancelling_ = true;
        refreshLabel();
    });
    connect(session, &ProbeSession::busyChanged, this, [this](bool busy) {
        setVisible(busy);
        cancelling_ = false;
        if (busy) {
            sinceStep_.start();
            ticker_.start();
        } else {
            ticker_.stop();
        }
    });
    connect(session, &ProbeSession::progressChanged, this, &RunStatusWidget::showProgress);
}

void RunStatusWidget::showProgress(int done, int total, const QString& message) {
    bar_->setRange(0, std::max(total, 1));
    bar_->setValue(done);
    if (message != message_)
        sinceStep_.start();
    message_ = message;
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
