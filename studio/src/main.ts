import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { locale } from './i18n'
import { installEditorRouter } from './router/editor'
import { installHashRouter } from './router/hash'
import { useConnectionStore } from './stores/connection'
import './styles/hmi.css'

document.documentElement.lang = locale.value
installHashRouter()
installEditorRouter()
const app = createApp(App)
app.use(createPinia())
// Stores subscribe to the client before it connects, so no early event is missed.
useConnectionStore()
app.mount('#app')
useConnectionStore().connect()
