package io.kefutrainer.web;

import java.nio.file.Path;

/**
 * How the HTTP server runs.
 *
 * @param port          TCP port (0 = any free port, used by tests)
 * @param demo          seed demo accounts and show the 演示模式 banner
 * @param scenariosDir  trainer content directory
 * @param secureCookies mark cookies Secure (set when served over HTTPS, e.g. behind a TLS proxy)
 * @param demoHistory   give the demo trainees two weeks of past sessions (serve --demo; tests leave it off)
 */
public record ServerOptions(int port, boolean demo, Path scenariosDir, boolean secureCookies, boolean demoHistory) {

    public ServerOptions(int port, boolean demo, Path scenariosDir, boolean secureCookies) {
        this(port, demo, scenariosDir, secureCookies, false);
    }
}
