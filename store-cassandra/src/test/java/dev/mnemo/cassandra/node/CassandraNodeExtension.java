package dev.mnemo.cassandra.node;

import java.io.IOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link CassandraNode} per test run, shared by every test class that uses this
 * extension, and closes it when the run ends (JUnit closes {@link AutoCloseable} values of the
 * root store). Tests receive the node as a {@code CassandraNode} parameter.
 */
public final class CassandraNodeExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CassandraNodeExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        node(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CassandraNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return node(context);
    }

    private static CassandraNode node(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(CassandraNode.class, key -> startNode(), CassandraNode.class);
    }

    private static CassandraNode startNode() {
        try {
            CassandraNode node = CassandraNode.create();
            node.start();
            System.out.printf("Cassandra test node up on %s in %.1f s%n", node.contactPoint(),
                    node.lastStartTime().toMillis() / 1000.0);
            return node;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Cassandra test node", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Cassandra test node: " + e.getMessage(), e);
        }
    }
}
