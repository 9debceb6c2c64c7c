#pragma once

#include "session/ViewSelection.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace filterscope {

// A saved session: enough to reopen the same view on the same numbers, and to say when a file under it
// changed. JSON, small, readable (docs/user-guide.md shows one).
struct SessionPlugin {
    QString directory;             // absolute when read back (resolved, see readSessionFile)
    QString variant;               // "llm", "baseline", …; empty for the manifest's default
    QMap<QString, QString> files;  // path relative to the plugin folder -> SHA-256
};

struct SessionInput {
    QString path;  // absolute when read back
    QString sha256;
};

struct SessionState {
    std::array<std::optional<SessionPlugin>, 2> plugins;  // A and B
    bool compareMode = false;
    std::vector<SessionInput> inputs;
    QString currentInput;
    ViewSelection selection;
    QByteArray windowState, windowGeometry;  // QMainWindow::saveState/saveGeometry, kept opaque
};

// Paths are written absolute and relative to the session file's folder; reading takes the absolute path
// when it exists, else the relative one (a session sent along with its data), else a bundled plugin of
// the same folder name. Throws Error naming the file and the problem.
QByteArray sessionToJson(const SessionState& state, const QString& sessionPath);
SessionState sessionFromJson(const QByteArray& bytes, const QString& sessionPath);
void writeSessionFile(const QString& path, const SessionState& state);  // atomically
SessionState readSessionFile(const QString& path);

// Every file of a plugin folder (recursively) with its SHA-256.
SessionPlugin describePlugin(const QString& directory, const QString& variant);
// One line per file that is missing or differs from what the session recorded.
QStringList sessionChanges(const SessionState& state);

}  // namespace filterscope
