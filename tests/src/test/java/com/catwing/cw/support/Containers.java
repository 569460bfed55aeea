package com.catwing.cw.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers path, used only where a Docker engine answers. The image (CW_TEST_IMAGE) must provide the same
 * extensions as the local cluster; the stock postgres image does not carry pg_cron or pgTAP.
 */
final class Containers {
    private static PostgreSQLContainer<?> container;

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static synchronized String start() {
        if (container == null) {
            String image = System.getenv().getOrDefault("CW_TEST_IMAGE", "postgres:15");
            container = new PostgreSQLContainer<>(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                    .withCommand("postgres", "-c", "shared_preload_libraries=pg_cron", "-c",
                            "cron.database_name=postgres", "-c", "cron.use_background_workers=on",
                            "-c", "max_worker_processes=32");
            container.start();
        }
        return "postgresql://" + container.getUsername() + ":" + container.getPassword() + "@"
                + container.getHost() + ":" + container.getMappedPort(5432) + "/postgres";
    }
}
