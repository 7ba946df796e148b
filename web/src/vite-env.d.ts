/// <reference types="vite/client" />
// Lets TypeScript accept the stylesheet import in main.tsx; Vite bundles it.
