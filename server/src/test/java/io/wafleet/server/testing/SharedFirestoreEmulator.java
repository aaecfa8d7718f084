package io.wafleet.server.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one Firestore emulator per test run: started on first use (about ten seconds), stopped with its
 * whole process group when the run ends. Tests isolate themselves by project id ({@link FirestoreEmulator#freshProject()}).
 */
public final class SharedFirestoreEmulator implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FirestoreEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedFirestoreEmulator.class))
                .computeIfAbsent(FirestoreEmulator.class, key -> FirestoreEmulator.start(), FirestoreEmulator.class);
    }
}
