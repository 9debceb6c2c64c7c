#pragma once

#include <QLabel>

namespace filterscope {

class Workbench;

// The status bar's account of what is shown: plugins, input, a failure or the notes on this input's
// numbers, stage, map, colour range, forward time and device, result cache (with what running work
// holds); the model files' SHA-256 and every note in its tooltip.
class WorkbenchStatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit WorkbenchStatusLabel(Workbench* workbench, QWidget* parent = nullptr);

private:
    void refresh();

    Workbench* workbench_;
};

}  // namespace filterscope
