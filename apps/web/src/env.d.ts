/// <reference types="vite/client" />
declare module 'virtual:world-shapes' {
  const shapes: import('../build/world-shapes').WorldShapes;
  export default shapes;
}
