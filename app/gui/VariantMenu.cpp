#include "VariantMenu.h"

#include "labels/VariantText.h"
#include "plugin/ModelPlugin.h"
#include "session/Workbench.h"

#include <QActionGroup>

namespace filterscope {

VariantMenu::VariantMenu(Workbench* session, std::function<void()> enterCompareMode, QWidget* parent)
    : QMenu(tr("Va&riants"), parent), session_(session), enterCompareMode_(std::move(enterCompareMode)) {
    connect(&session_->document(), &WorkbenchDocument::pluginsChanged, this, &VariantMenu::rebuild);
    rebuild();
}

void VariantMenu::rebuild() {
    clear();
    const auto primary = session_->document().plugin(0);
    if (!primary || !primary->hasVariants()) {
        addAction(tr("(the plugin declares no LLM-layer variants)"))->setEnabled(false);
        setEnabled(primary != nullptr);
        return;
    }
    setEnabled(true);
    const LlmComposition& llm = primary->manifest().llm;
    const QString dir = QString::fromStdString(primary->manifest().directory);
    const auto secondary = session_->document().plugin(1);
    const bool sameFolder = secondary && secondary->manifest().directory == primary->manifest().directory;

    addSection(tr("Show"));
    auto* shown = new QActionGroup(this);
    int key = Qt::Key_1;
    for (LlmComposition::Variant v : llm.variants) {
        QAction* a = addAction(variantText(v, llm.layer));
        a->setCheckable(true);
        a->setChecked(v == primary->variant());
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(key++)));
        a->setStatusTip(variantDescriptionText(v));
        shown->addAction(a);
        const QString name = QString::fromStdString(variantName(v));
        connect(a, &QAction::triggered, this,
                [this, dir, name] { session_->scheduler().loadPlugin(dir, 0, name); });
    }
    addSection(tr("Compare With"));
    auto* compared = new QActionGroup(this);
    for (LlmComposition::Variant v : llm.variants) {
        QAction* a = addAction(variantText(v, llm.layer));
        a->setCheckable(true);
        a->setChecked(sameFolder && v == secondary->variant());
        a->setStatusTip(variantDescriptionText(v));
        compared->addAction(a);
        const QString name = QString::fromStdString(variantName(v));
        connect(a, &QAction::triggered, this, [this, dir, name] {
            session_->scheduler().loadPlugin(dir, 1, name);
            enterCompareMode_();
        });
    }
}

}  // namespace filterscope
