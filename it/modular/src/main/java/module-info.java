/** A user's module: Pollen's runtime is read from the module path. */
module example.modular {
    requires dev.pollen;
    exports example.modular.api;
}
