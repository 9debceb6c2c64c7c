#pragma once
// The unit tests are built into two executables (filterscope_core_tests, filterscope_gui_tests) rather than
// one per test class: each executable costs its own moc pass, precompiled header and link, which in CI's
// plain + sanitized builds came to minutes. CTest still runs one class per test: `<executable> <Class>`.
// A test file ends with FILTERSCOPE_TEST_MAIN(Class) where it had QTEST_MAIN(Class) (a QApplication, or a
// QGuiApplication in the executable without widgets), or FILTERSCOPE_GUILESS_TEST_MAIN(Class) for
// QTEST_GUILESS_MAIN (a QCoreApplication).
#include <QtTest>

namespace testmain {

enum class Application { Core, Gui };
using RunClass = int (*)(int argc, char** argv);

// Called from static initialisers, one per test file; returns true so it can initialise a constant.
bool registerClass(const char* name, Application application, RunClass run);

}  // namespace testmain

#define FILTERSCOPE_TEST_MAIN_AS(TestClass, application)                                              \
    namespace {                                                                                       \
    int runTestClass(int argc, char** argv) {                                                         \
        TestClass test;                                                                               \
        QTEST_SET_MAIN_SOURCE_PATH                                                                    \
        return QTest::qExec(&test, argc, argv);                                                       \
    }                                                                                                 \
    const bool testClassRegistered = testmain::registerClass(#TestClass, application, &runTestClass); \
    }

#define FILTERSCOPE_TEST_MAIN(TestClass) FILTERSCOPE_TEST_MAIN_AS(TestClass, testmain::Application::Gui)
#define FILTERSCOPE_GUILESS_TEST_MAIN(TestClass) \
    FILTERSCOPE_TEST_MAIN_AS(TestClass, testmain::Application::Core)
