package dev.jk8s.api.core;

/** Where an environment variable's value comes from; exactly one field is set. */
public record EnvVarSource(ObjectFieldSelector fieldRef, KeySelector configMapKeyRef, KeySelector secretKeyRef) {

    public EnvVarSource withFieldRef(ObjectFieldSelector fieldRef) {
        return new EnvVarSource(fieldRef, configMapKeyRef, secretKeyRef);
    }
}
