package dev.knowledgecard.infra.database;

import com.pulumi.core.Output;

/**
 * How a client reaches the app database ({@link Database#endpoint()}): three different types, so no
 * two can be swapped.
 *
 * @param address the instance's DNS name, without port: the app's {@code DB_HOST}
 * @param port the port PostgreSQL listens on: the app's {@code DB_PORT}
 * @param name the application database: the app's {@code DB_NAME}
 */
public record DatabaseEndpoint(Output<String> address, Output<Integer> port, String name) {}
