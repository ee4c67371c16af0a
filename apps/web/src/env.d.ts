/// <reference types="vite/client" />
declare module 'virtual:world-shapes' {
  /** The pre-projected world, read on first use. */
  const worldShapes: () => import('../build/world-shapes').WorldShapes;
  export default worldShapes;
}
