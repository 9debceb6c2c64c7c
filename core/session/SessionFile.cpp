#include "session/SessionFile.h"

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/FileFingerprint.h"
#include "common/InstallLayout.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace filterscope {

namespace {

const char* const kFormat = "filterscope-session";
constexpr int kVersion = 1;

QJsonObject pathEntry(const QString& path, const QDir& base) {
    QJsonObject o;
    o[QStringLiteral("path")] = QFileInfo(path).absoluteFilePath();
    o[QStringLiteral("relative")] = base.relativeFilePath(QFileInfo(path).absoluteFilePath());
    return o;
}

QString resolvePath(const QJsonObject& o, const QDir& base, bool pluginFolder) {
    const QString absolute = o.value(QStringLiteral("path")).toString();
    if (QFileInfo::exists(absolute))
        return absolute;
    const QString relative = o.value(QStringLiteral("relative")).toString();
    if (!relative.isEmpty() && QFileInfo::exists(base.absoluteFilePath(relative)))
        return QDir::cleanPath(base.absoluteFilePath(relative));
    if (pluginFolder) {
        const QString bundled =
            QDir(installlayout::bundledPluginsDir()).absoluteFilePath(QFileInfo(absolute).fileName());
        if (!absolute.isEmpty() && QFileInfo(bundled).isDir())
            return bundled;
    }
    return absolute;  // missing: sessionChanges names it, loading it fails in place
}

QJsonObject selectionToJson(const ViewSelection& s) {
    QJsonObject o;
    o[QStringLiteral("stage")] = QString::fromStdString(s.stage);
    o[QStringLiteral("comparison_stage")] = QString::fromStdString(s.comparisonStage);
    o[QStringLiteral("map")] = QString::fromLatin1(mapKindName(s.analysis));
    o[QStringLiteral("token")] = s.token;
    QJsonArray grid;
    for (int64_t g : s.tokenGrid)
        grid.append(static_cast<qint64>(g));
    o[QStringLiteral("token_grid")] = grid;
    o[QStringLiteral("colormap")] = QString::fromStdString(s.colormap);
    o[QStringLiteral("shared_scale")] = s.sharedScale;
    o[QStringLiteral("compare_scale")] = s.compareScale == CompareScale::Joint ? QStringLiteral("joint")
                                         : s.compareScale == CompareScale::Own ? QStringLiteral("own")
                                                                               : QStringLiteral("automatic");
    o[QStringLiteral("opacity")] = s.opacity;
    o[QStringLiteral("head")] = s.head;
    o[QStringLiteral("attended_by")] = s.attendedBy;
    o[QStringLiteral("query")] = s.query;
    o[QStringLiteral("frame")] = s.frame;
    return o;
}

ViewSelection selectionFromJson(const QJsonObject& o, const std::string& where) {
    ViewSelection s;
    s.stage = o.value(QStringLiteral("stage")).toString().toStdString();
    s.comparisonStage = o.value(QStringLiteral("comparison_stage")).toString().toStdString();
    const QString map = o.value(QStringLiteral("map")).toString(QStringLiteral("activation"));
    bool known = false;
    for (int k = 0; k <= static_cast<int>(MapKind::Relevance); ++k)
        if (map == QLatin1String(mapKindName(static_cast<MapKind>(k))))
            s.analysis = static_cast<MapKind>(k), known = true;
    if (!known)
        throw Error(where + ": 'selection.map' \"" + map.toStdString() + "\" is not a map kind");
    s.token = o.value(QStringLiteral("token")).toInt(-1);
    for (const QJsonValue& g : o.value(QStringLiteral("token_grid")).toArray())
        s.tokenGrid.push_back(g.toInteger());
    s.colormap = o.value(QStringLiteral("colormap")).toString(QStringLiteral("viridis")).toStdString();
    s.sharedScale = o.value(QStringLiteral("shared_scale")).toBool();
    // Sessions from before compare scales have none: automatic, as a new session.
    const QString compare = o.value(QStringLiteral("compare_scale")).toString(QStringLiteral("automatic"));
    if (compare == QLatin1String("joint"))
        s.compareScale = CompareScale::Joint;
    else if (compare == QLatin1String("own"))
        s.compareScale = CompareScale::Own;
    else if (compare != QLatin1String("automatic"))
        throw Error(where + ": 'selection.compare_scale' \"" + compare.toStdString() +
                    "\" is not automatic, joint or own");
    s.opacity = o.value(QStringLiteral("opacity")).toDouble(0.6);
    s.head = o.value(QStringLiteral("head")).toInt(-1);
    s.attendedBy = o.value(QStringLiteral("attended_by")).toBool();
    s.query = o.value(QStringLiteral("query")).toInt(0);
    s.frame = o.value(QStringLiteral("frame")).toInt(0);
    return s;
}

}  // namespace

QByteArray sessionToJson(const SessionState& state, const QString& sessionPath) {
    const QDir base = QFileInfo(sessionPath).absoluteDir();
    QJsonObject root;
    root[QStringLiteral("format")] = QLatin1String(kFormat);
    root[QStringLiteral("version")] = kVersion;
    root[QStringLiteral("saved")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    QJsonArray plugins;
    for (size_t slot = 0; slot < state.plugins.size(); ++slot) {
        if (!state.plugins[slot])
            continue;
        QJsonObject p = pathEntry(state.plugins[slot]->directory, base);
        p[QStringLiteral("slot")] = static_cast<int>(slot);
        p[QStringLiteral("variant")] = state.plugins[slot]->variant;
        QJsonObject files;
        for (auto it = state.plugins[slot]->files.begin(); it != state.plugins[slot]->files.end(); ++it)
            files[it.key()] = it.value();
        p[QStringLiteral("files")] = files;
        plugins.append(p);
    }
    root[QStringLiteral("plugins")] = plugins;
    root[QStringLiteral("compare")] = state.compareMode;
    QJsonArray inputs;
    for (const SessionInput& in : state.inputs) {
        QJsonObject o = pathEntry(in.path, base);
        o[QStringLiteral("sha256")] = in.sha256;
        inputs.append(o);
    }
    root[QStringLiteral("inputs")] = inputs;
    if (!state.currentInput.isEmpty())
        root[QStringLiteral("current_input")] = pathEntry(state.currentInput, base);
    root[QStringLiteral("selection")] = selectionToJson(state.selection);
    QJsonObject window;
    window[QStringLiteral("state")] = QString::fromLatin1(state.windowState.toBase64());
    window[QStringLiteral("geometry")] = QString::fromLatin1(state.windowGeometry.toBase64());
    root[QStringLiteral("window")] = window;
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

SessionState sessionFromJson(const QByteArray& bytes, const QString& sessionPath) {
    const std::string where = sessionPath.toStdString();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (doc.isNull())
        throw Error(where + ": not JSON (" + parseError.errorString().toStdString() + " at byte " +
                    std::to_string(parseError.offset) + ")");
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        throw Error(where + ": not a Filterscope session (its \"format\" is not \"" + kFormat + "\")");
    if (root.value(QStringLiteral("version")).toInt() > kVersion)
        throw Error(where + ": written by a newer Filterscope (session version " +
                    std::to_string(root.value(QStringLiteral("version")).toInt()) + ", this one reads " +
                    std::to_string(kVersion) + ")");
    const QDir base = QFileInfo(sessionPath).absoluteDir();
    SessionState s;
    for (const QJsonValue& v : root.value(QStringLiteral("plugins")).toArray()) {
        const QJsonObject p = v.toObject();
        const int slot = p.value(QStringLiteral("slot")).toInt(-1);
        if (slot < 0 || slot > 1)
            throw Error(where + ": a plugin's 'slot' must be 0 (A) or 1 (B)");
        SessionPlugin plugin;
        plugin.directory = resolvePath(p, base, true);
        plugin.variant = p.value(QStringLiteral("variant")).toString();
        const QJsonObject files = p.value(QStringLiteral("files")).toObject();
        for (auto it = files.begin(); it != files.end(); ++it)
            plugin.files.insert(it.key(), it.value().toString());
        s.plugins[static_cast<size_t>(slot)] = plugin;
    }
    s.compareMode = root.value(QStringLiteral("compare")).toBool();
    for (const QJsonValue& v : root.value(QStringLiteral("inputs")).toArray()) {
        const QJsonObject o = v.toObject();
        s.inputs.push_back({resolvePath(o, base, false), o.value(QStringLiteral("sha256")).toString()});
    }
    if (root.contains(QStringLiteral("current_input")))
        s.currentInput = resolvePath(root.value(QStringLiteral("current_input")).toObject(), base, false);
    s.selection = selectionFromJson(root.value(QStringLiteral("selection")).toObject(), where);
    const QJsonObject window = root.value(QStringLiteral("window")).toObject();
    s.windowState = QByteArray::fromBase64(window.value(QStringLiteral("state")).toString().toLatin1());
    s.windowGeometry = QByteArray::fromBase64(window.value(QStringLiteral("geometry")).toString().toLatin1());
    return s;
}

void writeSessionFile(const QString& path, const SessionState& state) {
    writeFileAtomically(path.toStdString(), sessionToJson(state, path).toStdString());
}

SessionState readSessionFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot read the session (" + file.errorString().toStdString() +
                    ")");
    return sessionFromJson(file.readAll(), path);
}

SessionPlugin describePlugin(const QString& directory, const QString& variant) {
    SessionPlugin p;
    p.directory = QFileInfo(directory).absoluteFilePath();
    p.variant = variant;
    const QDir root(p.directory);
    QDirIterator it(p.directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (file.contains(QLatin1String("/__pycache__/")))
            continue;
        p.files.insert(root.relativeFilePath(file), fileSha256(file));
    }
    return p;
}

QStringList sessionChanges(const SessionState& state) {
    QStringList changes;
    for (size_t slot = 0; slot < state.plugins.size(); ++slot) {
        if (!state.plugins[slot])
            continue;
        const SessionPlugin& p = *state.plugins[slot];
        const QString name = QFileInfo(p.directory).fileName();
        if (!QFileInfo(p.directory).isDir()) {
            changes << QStringLiteral("plugin %1: folder %2 not found").arg(name, p.directory);
            continue;
        }
        for (auto it = p.files.begin(); it != p.files.end(); ++it) {
            const QString now = fileSha256(QDir(p.directory).absoluteFilePath(it.key()));
            if (now.isEmpty())
                changes << QStringLiteral("plugin %1: %2 is missing").arg(name, it.key());
            else if (now != it.value())
                changes << QStringLiteral("plugin %1: %2 changed since the session was saved")
                               .arg(name, it.key());
        }
    }
    for (const SessionInput& in : state.inputs) {
        const QString now = fileSha256(in.path);
        if (now.isEmpty() && !QFileInfo(in.path).isDir())
            changes << QStringLiteral("input %1 is missing").arg(in.path);
        else if (!in.sha256.isEmpty() && now != in.sha256)
            changes << QStringLiteral("input %1 changed since the session was saved").arg(in.path);
    }
    return changes;
}

}  // namespace filterscope
