#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QListWidget>
#include <QVector>

namespace filterscope {

class ProbeSession;

// The session's inputs as a thumbnail strip. Thumbnails are decoded off the GUI thread; clicking one
// makes it the current input (cached results show at once, others run). An input a plugin failed on is
// marked "⚠ name" in red, the reason in its tooltip.
class InputStripView : public QListWidget {
    Q_OBJECT
public:
    explicit InputStripView(ProbeSession* session, QWidget* parent = nullptr);
    ~InputStripView() override;
    bool isMarkedFailed(const QString& path) const;

private:
    void rebuild();
    void markCurrent();
    void markFailures();

    ProbeSession* session_;
    QFutureWatcher<QVector<QImage>> thumbnails_;
};

}  // namespace filterscope
