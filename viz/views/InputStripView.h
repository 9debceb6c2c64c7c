#pragma once

#include <QListWidget>

#include <string>

namespace filterscope {

class Workbench;

// The session's inputs as a thumbnail strip. Thumbnails are decoded as background tasks (the files lane,
// after everything else, a few dozen per task so they appear as they come); clicking one
// makes it the current input (cached results show at once, others run). An input a plugin failed on is
// marked "⚠ name" in red, the reason in its tooltip.
class InputStripView : public QListWidget {
    Q_OBJECT
public:
    explicit InputStripView(Workbench* session, QWidget* parent = nullptr);
    ~InputStripView() override;
    bool isMarkedFailed(const QString& path) const;

private:
    void rebuild();
    void markCurrent();
    void markFailures();

    Workbench* session_;
    std::string thumbnailGroup_;  // this strip's thumbnail tasks: dropped when the inputs change
};

}  // namespace filterscope
