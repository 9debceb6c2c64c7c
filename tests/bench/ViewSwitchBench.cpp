// Benchmark, not a test: how long the workbench takes to switch stage and to switch analysis on a cached
// result (goal: under 16 ms, one frame). Each sample is the session change (views and charts refresh)
// plus a synchronous repaint of the whole 1280x800 window.
// usage: bench_view_switch [PLUGIN_DIR IMAGE] [--repeat N]   (default: the bundled demo)
#include "MainWindow.h"
#include "common/InstallLayout.h"
#include "session/Workbench.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace filterscope;

namespace {

void measure(const char* what, QWidget& window, int repeat, const std::function<void(int)>& change) {
    std::vector<double> ms;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer t;
        t.start();
        change(i);
        window.repaint();
        ms.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-34s median %6.2f ms   p90 %6.2f ms   max %6.2f ms   (%d samples)\n", what,
                ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back(), repeat);
}

}  // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int qtArgc = 1;
    QApplication app(qtArgc, argv);
    QString plugin = installlayout::demoPluginDir(), image = installlayout::demoImage();
    int repeat = 60;
    std::vector<QString> positional;
    for (int i = 1; i < argc; ++i) {
        if (QString::fromLocal8Bit(argv[i]) == QLatin1String("--repeat") && i + 1 < argc)
            repeat = std::atoi(argv[++i]);
        else
            positional.push_back(QString::fromLocal8Bit(argv[i]));
    }
    if (positional.size() == 2)
        plugin = positional[0], image = positional[1];

    Workbench session;
    MainWindow window(&session);
    window.resize(1280, 800);
    window.show();
    session.scheduler().loadPlugin(plugin, 0);
    window.openPaths({image});
    QElapsedTimer wait;
    wait.start();
    while ((!session.document().result(0) || session.scheduler().isBusy()) && wait.elapsed() < 60000)
        app.processEvents(QEventLoop::AllEvents, 50);
    if (!session.document().result(0)) {
        std::fprintf(stderr, "error: no result for %s\n", qPrintable(image));
        return 1;
    }
    const auto& stages = session.document().plugin(0)->gridStages();
    std::printf("cached result of %s, %zu stages, window 1280x800 (%s)\n",
                session.document().plugin(0)->id().c_str(), stages.size(),
                qPrintable(QGuiApplication::platformName()));
    measure("switch stage", window, repeat,
            [&](int i) { session.selection().setStage(stages[i % stages.size()]); });
    const MapKind kinds[3] = {MapKind::Norm, MapKind::Activation, MapKind::Frequency};
    measure("switch analysis (norm/act/freq)", window, repeat,
            [&](int i) { session.selection().setAnalysis(kinds[i % 3]); });
    measure("switch colormap", window, repeat,
            [&](int i) { session.selection().setColormap(i % 2 ? "magma" : "viridis"); });
    measure("toggle shared scale", window, repeat, [&](int i) { session.selection().setSharedScale(i % 2); });
    std::printf("model runs during the switches: none (results cached: %d)\n",
                session.document().cachedResultCount());
    return 0;
}
