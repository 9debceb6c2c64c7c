#include "session/SessionSnapshot.h"

#include "common/FileFingerprint.h"
#include "session/ProbeSession.h"

namespace filterscope {

SessionState snapshotSession(const ProbeSession& session) {
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
    s.selection = session.selection();
    return s;
}

void fingerprintSession(SessionState& state) {
    for (auto& plugin : state.plugins)
        if (plugin)
            plugin = describePlugin(plugin->directory, plugin->variant);
    for (SessionInput& input : state.inputs)
        input.sha256 = fileSha256(input.path);
}

void restoreSession(ProbeSession& session, const SessionState& state) {
    session.restoreSelection(state.selection);
    for (int slot = 0; slot < 2; ++slot) {
        const auto& p = state.plugins[static_cast<size_t>(slot)];
        if (p)
            session.loadPlugin(p->directory, slot, p->variant);
        else
            session.closePlugin(slot);
    }
    QStringList inputs;
    for (const SessionInput& in : state.inputs)
        inputs << in.path;
    session.setInputs(inputs);
    if (!state.currentInput.isEmpty())
        session.openInput(state.currentInput);
}

}  // namespace filterscope
