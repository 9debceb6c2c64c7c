#include "session/SessionSnapshot.h"

#include "common/FileFingerprint.h"
#include "session/Workbench.h"

namespace filterscope {

SessionState snapshotSession(const Workbench& workbench) {
    const WorkbenchDocument& session = workbench.document();
    SessionState s;
    for (int slot = 0; slot < 2; ++slot) {
        const auto plugin = session.plugin(slot);
        if (!plugin)
            continue;
        const QString variant =
            plugin->hasVariants() ? QString::fromStdString(variantName(plugin->variant())) : QString();
        s.plugins[static_cast<size_t>(slot)] =
            SessionPlugin{QString::fromStdString(plugin->manifest().directory), variant, {}};
    }
    for (const QString& input : session.inputs())
        s.inputs.push_back({input, QString()});
    s.currentInput = session.currentInput();
    s.selection = workbench.selection().state();
    return s;
}

void fingerprintSession(SessionState& state) {
    for (auto& plugin : state.plugins)
        if (plugin)
            plugin = describePlugin(plugin->directory, plugin->variant);
    for (SessionInput& input : state.inputs)
        input.sha256 = fileSha256(input.path);
}

void restoreSession(Workbench& workbench, const SessionState& state) {
    WorkbenchDocument& session = workbench.document();
    workbench.selection().restore(state.selection);
    for (int slot = 0; slot < 2; ++slot) {
        const auto& p = state.plugins[static_cast<size_t>(slot)];
        if (p)
            workbench.scheduler().loadPlugin(p->directory, slot, p->variant);
        else
            session.closePlugin(slot);
    }
    QStringList inputs;
    for (const SessionInput& in : state.inputs)
        inputs << in.path;
    session.setInputs(inputs);
    if (!state.currentInput.isEmpty())
        workbench.scheduler().openInput(state.currentInput);
}

}  // namespace filterscope
