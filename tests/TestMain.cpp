#include "TestMain.h"

#include <QCoreApplication>
#include <cstdio>
#include <map>
#include <string>
#include <vector>
#ifdef QT_WIDGETS_LIB
#include <QApplication>
#else
#include <QGuiApplication>
#endif

namespace testmain {

namespace {

struct Entry {
    Application application;
    RunClass run;
};

// A function-local static: the registrations run from other files' static initialisers.
std::map<std::string, Entry>& registry() {
    static std::map<std::string, Entry> classes;
    return classes;
}

}  // namespace

bool registerClass(const char* name, Application application, RunClass run) {
    registry()[name] = Entry{application, run};
    return true;
}

}  // namespace testmain

// `<executable> <Class> [Qt Test arguments]`: the class's tests in the application QTEST_MAIN or
// QTEST_GUILESS_MAIN would have made, Qt Test seeing the rest of the line as its own.
int main(int argc, char** argv) {
    const auto& classes = testmain::registry();
    const auto found = argc > 1 ? classes.find(argv[1]) : classes.end();
    if (found == classes.end()) {
        std::fprintf(stderr, "usage: %s <test class> [Qt Test arguments]\ntest classes:", argv[0]);
        for (const auto& [name, entry] : classes)
            std::fprintf(stderr, " %s", name.c_str());
        std::fprintf(stderr, "\n");
        return 2;
    }
    std::vector<char*> args{argv[0]};
    args.insert(args.end(), argv + 2, argv + argc);
    int count = static_cast<int>(args.size());
    args.push_back(nullptr);
    if (found->second.application == testmain::Application::Core) {
        QCoreApplication app(count, args.data());
        return found->second.run(count, args.data());
    }
#ifdef QT_WIDGETS_LIB
    QApplication app(count, args.data());
#else
    QGuiApplication app(count, args.data());
#endif
    app.setAttribute(Qt::AA_Use96Dpi, true);
    return found->second.run(count, args.data());
}
