#pragma once

#include <QMenu>

#include <functional>

namespace filterscope {

class Workbench;

// The paper's ablations as a menu: for a plugin with an "llm" section, "Show" switches the primary view
// between its variants (baseline, +LLM layer k, +random block, +identity) and "Compare With" loads another
// variant of the same plugin beside it. Rebuilt whenever the plugins change; disabled for other plugins.
class VariantMenu : public QMenu {
    Q_OBJECT
public:
    VariantMenu(Workbench* session, std::function<void()> enterCompareMode, QWidget* parent);

private:
    void rebuild();

    Workbench* session_;
    std::function<void()> enterCompareMode_;
};

}  // namespace filterscope
