// The Filterscope workbench.
#include "HeadlessExport.h"
#include "InterfaceLanguage.h"
#include "MainWindow.h"
#include "SessionActions.h"
#include "common/BuildInfo.h"
#include "common/InstallLayout.h"
#include "inference/ScriptModule.h"
#include "session/Workbench.h"
#include "views/DatasetProbePanel.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSettings>
#include <QSurfaceFormat>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

const char* const kUsage =
    "usage: filterscope [--plugin DIR] [--variant V] [--compare DIR] [--compare-variant V]\n"
    "                   [--input FILE|FOLDER...] [--session FILE] [--device auto|cpu|cuda]\n"
    "                   [--language LANG]\n"
    "       filterscope --plugin DIR [--compare DIR] --input FILE [--stage S] [--map M]\n"
    "                   --export FILE.png|pdf|svg [--dpi N] [--size WxH] [--caption TEXT] [--colormap NAME]\n"
    "\n"
    "The Filterscope workbench: token norms, frequency maps, attention heads and query relevance of a\n"
    "model plugin, for images, video clips and point clouds.\n"
    "\n"
    "  --plugin DIR           model plugin folder (default: the last one opened, else the bundled demo)\n"
    "  --variant V            the plugin's variant (e.g. baseline, llm)\n"
    "  --compare DIR          a second plugin, side by side (compare mode)\n"
    "  --compare-variant V    the second plugin's variant (alone: two variants of --plugin)\n"
    "  --input FILE|FOLDER... images, clips, point clouds, or folders of them\n"
    "  --session FILE         open a saved session (plugins, inputs, selections, layout)\n"
    "  --device D             auto (default), cpu or cuda\n"
    "  --language LANG        interface language, e.g. en or zh_CN (default: the system's)\n"
    "  --export FILE          write what File > Export View would for this view, and exit (no window):\n"
    "                         --stage S and --map M (norm, activation, freq, spectrum, attention, query,\n"
    "                         rollout, relevance) choose the view; --compare exports A, B and A - B;\n"
    "                         --dpi N for PNG (default 300); --size W[xH] (3.5in, 8cm, 252pt, 3.5x3in: a\n"
    "                         width, and a height to fit); --caption under the figure; --colormap NAME\n"
    "  --help                 this text\n"
    "  --version              the version and the libraries it runs with\n"
    "\n"
    "filterscope-cli runs the same analyses without a window (filterscope-cli --help).\n";

struct StartupArguments {
    QString plugin, compare, variant, compareVariant, session, language, device = QStringLiteral("auto");
    QString stage, map, exportPath, dpi, size, caption, colormap;
    bool help = false, version = false;
    QStringList inputs;
    std::vector<char*> qtArgs;  // what is left for QApplication
};

// Our options are taken out before QApplication sees argv: Qt would read "--plugin X" as its own
// -plugin option.
StartupArguments splitArguments(int argc, char** argv) {
    StartupArguments a;
    a.qtArgs.push_back(argv[0]);
    QString* target = nullptr;
    bool multi = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--plugin")
            target = &a.plugin, multi = false;
        else if (arg == "--compare")
            target = &a.compare, multi = false;
        else if (arg == "--variant")
            target = &a.variant, multi = false;
        else if (arg == "--compare-variant")
            target = &a.compareVariant, multi = false;
        else if (arg == "--device")
            target = &a.device, multi = false;
        else if (arg == "--session")
            target = &a.session, multi = false;
        else if (arg == "--language")
            target = &a.language, multi = false;
        else if (arg == "--stage")
            target = &a.stage, multi = false;
        else if (arg == "--map")
            target = &a.map, multi = false;
        else if (arg == "--export")
            target = &a.exportPath, multi = false;
        else if (arg == "--dpi")
            target = &a.dpi, multi = false;
        else if (arg == "--size")
            target = &a.size, multi = false;
        else if (arg == "--caption")
            target = &a.caption, multi = false;
        else if (arg == "--colormap")
            target = &a.colormap, multi = false;
        else if (arg == "--help" || arg == "-h")
            a.help = true;
        else if (arg == "--version")
            a.version = true;
        else if (arg == "--input")
            target = nullptr, multi = true;
        else if (arg.rfind("-", 0) == 0)
            target = nullptr, multi = false, a.qtArgs.push_back(argv[i]);
        else if (multi)
            a.inputs << QString::fromLocal8Bit(argv[i]);
        else if (target)
            *target = QString::fromLocal8Bit(argv[i]), target = nullptr;
        else
            a.qtArgs.push_back(argv[i]);
    }
    return a;
}

int headlessExport(const StartupArguments& args) {
    filterscope::HeadlessExportRequest r;
    r.plugin = args.plugin, r.variant = args.variant, r.compare = args.compare;
    r.compareVariant = args.compareVariant, r.device = args.device, r.stage = args.stage, r.map = args.map;
    r.exportPath = args.exportPath, r.size = args.size, r.caption = args.caption, r.colormap = args.colormap;
    r.input = args.inputs.isEmpty() ? QString() : args.inputs.front();
    if (!args.dpi.isEmpty()) {
        bool ok = false;
        r.dpi = args.dpi.toInt(&ok);
        if (!ok || r.dpi < 18 || r.dpi > 2400) {
            std::fprintf(stderr, "error: --dpi must be a whole number from 18 to 2400, got \"%s\"\n",
                         args.dpi.toLocal8Bit().constData());
            return 2;
        }
    }
    if (args.inputs.size() > 1) {
        std::fputs("error: --export takes one --input file\n", stderr);
        return 2;
    }
    return filterscope::runHeadlessExport(r);
}

// A plugin's forward pass cannot be interrupted: one that has not returned (a hostile or broken model)
// would keep the worker, and with it the process, alive for ever. Settings were saved on close.
int finish(int status, const filterscope::Workbench& session) {
    if (session.scheduler().isBusy()) {
        std::fprintf(stderr, "filterscope: quitting while a model's forward pass is still running\n");
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    StartupArguments args = splitArguments(argc, argv);
    // Answered before any window or display exists, so both work over ssh and in scripts.
    if (args.help) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (args.version) {
        int coreArgc = 1;
        QCoreApplication core(coreArgc, argv);  // no display needed, only the executable's folder
        std::fputs(filterscope::buildinfo::versionReport("filterscope").c_str(), stdout);
        return 0;
    }
    if (!args.exportPath.isEmpty()) {  // a figure, no window: no display needed
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        int qtArgc = static_cast<int>(args.qtArgs.size());
        args.qtArgs.push_back(nullptr);
        QGuiApplication app(qtArgc, args.qtArgs.data());
        QGuiApplication::setOrganizationName(QStringLiteral("Filterscope"));
        QGuiApplication::setApplicationName(QStringLiteral("Filterscope"));
        return headlessExport(args);
    }
    // VTK's OpenGL views need a 3.2 core context, set before the application exists.
    QSurfaceFormat format;
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    QSurfaceFormat::setDefaultFormat(format);

    int qtArgc = static_cast<int>(args.qtArgs.size());
    args.qtArgs.push_back(nullptr);
    QApplication app(qtArgc, args.qtArgs.data());
    QApplication::setOrganizationName(QStringLiteral("Filterscope"));
    QApplication::setApplicationName(QStringLiteral("Filterscope"));
    filterscope::installInterfaceLanguage(args.language);

    filterscope::Workbench session;
    try {
        session.scheduler().setDevice(filterscope::parseDevicePreference(args.device.toStdString()));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
    filterscope::MainWindow window(&session);
    window.resize(1280, 800);
    window.show();

    if (!args.session.isEmpty()) {
        const QString error = window.sessions()->openSession(args.session);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "error: %s\n", error.toLocal8Bit().constData());
            return 2;
        }
        return finish(app.exec(), session);
    }
    window.sessions()->offerRecovery();
    // Never an empty window: what was asked for, else what was open last time, else the bundled demo.
    const QSettings settings;
    QString plugin = args.plugin;
    if (plugin.isEmpty()) {
        const QStringList recent = settings.value(QStringLiteral("plugins/recent")).toStringList();
        plugin = !recent.isEmpty() && QFileInfo::exists(recent.front())
                     ? recent.front()
                     : filterscope::installlayout::demoPluginDir();
    }
    QStringList inputs = args.inputs;
    if (inputs.isEmpty()) {
        const QString last = settings.value(QStringLiteral("inputs/last")).toString();
        inputs << (QFileInfo::exists(last) ? last : filterscope::installlayout::demoImage());
    }
    session.scheduler().loadPlugin(plugin, 0, args.variant);
    // --compare-variant alone compares two variants of the same plugin (the paper's ablations).
    if (!args.compare.isEmpty() || !args.compareVariant.isEmpty()) {
        session.scheduler().loadPlugin(args.compare.isEmpty() ? plugin : args.compare, 1,
                                       args.compareVariant);
        window.setCompareMode(true);
    }
    window.openPaths(inputs);
    // On the bundled demo the Probe dock starts filled in with its sample: Run probes it at once.
    if (QFileInfo(plugin).canonicalFilePath() ==
        QFileInfo(filterscope::installlayout::demoPluginDir()).canonicalFilePath()) {
        const QDir sample(filterscope::installlayout::demoSampleDir());
        if (sample.exists(QStringLiteral("labels.csv")))
            window.probePanel()->setFolders(sample.filePath(QStringLiteral("images")),
                                            sample.filePath(QStringLiteral("masks")),
                                            sample.filePath(QStringLiteral("labels.csv")));
    }
    return finish(app.exec(), session);
}
